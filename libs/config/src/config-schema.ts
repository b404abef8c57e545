import { z } from 'zod';
import { CHAT_TEMPLATE_NAMES, CHAT_TEMPLATES } from './chat-templates';
import { checkJudgeReplyBudget } from './check-judge-reply-budget';
import { LORA_TARGET } from './lora-target';

// The one schema of config.yaml. Defaults are the original AERO configuration (AERO-SPEC section 5)
// and production-sized; the root config.yaml sizes them down for the embedded engine. Where the
// orchestrator sends a value as a request field (aero.*, training.kto.*, evaluation.max_tokens), its
// range is the one the receiving RPC takes (proto/aero/v1), so that a run never fails on a value its
// config allowed.

const probability = z.number().min(0).max(1);
const temperature = z.number().min(0).max(2);
const positiveInt = z.number().int().min(1);
const port = z.number().int().min(0).max(65535);
/** Generated tokens of one completion: 2^20, beyond the context of any model served (synth, gateway). */
const maxTokens = positiveInt.max(1_048_576);
/** A loss weight of training.kto: (0, 100], as Train takes it. */
const lossWeight = z.number().gt(0).max(100);

const roleNumbers = (value: z.ZodNumber, generator: number, solver: number, refiner: number) =>
  z
    .strictObject({
      generator: value.default(generator),
      solver: value.default(solver),
      refiner: value.default(refiner),
    })
    .prefault({});

/** A value per role of the model; null leaves it to the engine. */
const perRoleOptional = (value: z.ZodType<number>) =>
  z
    .strictObject({
      generator: value.nullable().default(null),
      solver: value.nullable().default(null),
      refiner: value.nullable().default(null),
      judge: value.nullable().default(null),
    })
    .prefault({});

const serviceEndpoint = (defaultPort: number) =>
  z
    .strictObject({
      /** host:port of a running instance (remote mode). Empty: the orchestrator starts one (local mode). */
      address: z.string().default(''),
      /** Port `serve` binds; 0 picks a free one. */
      port: port.default(defaultPort),
    })
    .prefault({});

export const aeroSchema = z
  .strictObject({
    /** Outer-loop rounds. */
    rounds: z.number().int().min(1).max(1000).default(5),
    /** Questions generated per round (m); at most what one GenerateQuestions writes. */
    questions_per_round: positiveInt.max(100_000).default(1000),
    /** Solver samples per question (n). At least 2: entropy needs disagreement to be possible. */
    sampling_n: z.number().int().min(2).max(1024).default(16),
    /** Staggered Training Strategy (AERO-SPEC 3). */
    use_staggered_training: z.boolean().default(true),
    /** Replay pool size drawn from the history. */
    replay_pool_size: z.number().int().min(0).max(1_000_000).default(500),
    /** Replay share per role, 0..1, normalised by their sum (all zero = no replay). */
    kto_replay_ratios: roleNumbers(probability, 0, 0.7, 0.3),
    /** Repetition weight per role, 0..100 (0 drops the role); BuildDataset also caps the dataset's size. */
    kto_weights: roleNumbers(z.number().min(0).max(100), 1, 1, 1),
    /**
     * At most this many undesirable generator examples per desirable one in a round's fresh data
     * (0 = no cap, the original's behaviour): keeps KTO from unlearning the generator's JSON format
     * when most questions fall outside the ZPD.
     */
    generator_undesirable_cap: z.number().min(0).max(1000).default(0),
    /** ICC solver labelling: the original code's, or the paper's Eq. 4. */
    solver_labels: z.enum(['code', 'paper']).default('code'),
    /**
     * Who labels ZPD questions: ICC, plain majority vote (the paper's ablation of ICC), or the oracle:
     * the question's known answer, the ceiling of any labeller (questions must have one); or
     * icc_oracle: ICC picks the questions, their known answer labels them (a diagnostic).
     */
    labeller: z.enum(['icc', 'majority', 'oracle', 'icc_oracle']).default('icc'),
    /** Which agreement of ICC's two refinements is the consensus: any (the paper's), or only one on c1's or c2's answer. */
    icc_consensus: z.enum(['any', 'c1_or_c2']).default('any'),
    /**
     * Share of a question's samples (0..1) that must give ICC's consensus for it to label the
     * question; less support leaves it unconfirmed, without solver or refiner examples. 0 (the
     * paper's): any support.
     */
    icc_min_support: probability.default(0),
    /** ZPD bounds on normalised entropy. */
    zpd: z
      .strictObject({ mastery_below: probability.default(0.3), chaos_above: probability.default(0.7) })
      .prefault({})
      .refine((t) => t.mastery_below <= t.chaos_above, {
        message: 'mastery_below must not exceed chaos_above',
        path: ['mastery_below'],
      }),
    /** Sampling temperature per role. */
    temperatures: z
      .strictObject({
        generator: temperature.default(1.0),
        solver: temperature.default(1.0),
        refiner: temperature.default(0.1),
        judge: temperature.default(0.0),
      })
      .prefault({}),
    /** Most generated tokens per role. */
    max_tokens: z
      .strictObject({
        generator: maxTokens.default(1024),
        solver: maxTokens.default(4096),
        refiner: maxTokens.default(4096),
        judge: maxTokens.default(1024),
      })
      .prefault({}),
    /**
     * Questions in flight at once in the inner loop, and generator requests in flight: at most 256, as
     * GenerateQuestions takes it (256 questions of 16 samples already fill the gateway's default queue).
     */
    concurrency: z.number().int().min(1).max(256).default(8),
    /**
     * Seed of every random choice of a run (question seeds, replay draws, training); uint32, since the
     * trainer trains with it unchanged and numpy refuses larger seeds.
     */
    seed: z.number().int().min(0).max(4_294_967_295).default(0),
  })
  // icc_oracle labels the paper's samples by the known answer; the code labels reward r1, a
  // refinement that reached ICC's a*, so they would not measure what it is meant to.
  .refine((a) => a.labeller !== 'icc_oracle' || a.solver_labels === 'paper', {
    message: 'icc_oracle needs solver_labels: paper',
    path: ['labeller'],
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    aero: aeroSchema,
    /** Folder of runs (the run store); shared by the orchestrator and the trainer. */
    runs_dir: z.string().min(1).default('runs'),
    prompts: z
      .strictObject({
        /** Template set: `embedded` for the CPU engine, `production` for large chat models. */
        profile: z.enum(['embedded', 'production']).default('embedded'),
        /** Folder holding <profile>/<role>.txt. */
        dir: z.string().min(1).default('libs/prompts/templates'),
      })
      .prefault({}),
    engine: z
      .strictObject({
        backend: z.enum(['embedded', 'vllm', 'openai']).default('embedded'),
        /**
         * Initial checkpoint (round 0 model): a model folder the engine can load, or a Hugging Face
         * Hub id such as Qwen/Qwen3-8B-Base when no such folder exists (vllm and llamafactory load it by id).
         */
        model: z.string().min(1).default('apps/engine/models/base'),
        /** Name the engines serve the model under; every request names it. */
        served_model_name: z.string().min(1).default('aero_model'),
        /** Context length (prompt + completion), tokens. */
        max_model_len: positiveInt.default(10240),
        /** Seconds to wait for an engine to list the served model. */
        ready_timeout_s: positiveInt.default(900),
        /** Seconds one engine HTTP request may take. */
        request_timeout_s: positiveInt.default(1800),
        /** max_tokens of a request that sets none; 0 lets the engine use the rest of the context (as vLLM does). */
        default_max_tokens: z.number().int().min(0).default(0),
        /**
         * The model's chat template, one setting for serving and training: vLLM renders the
         * checkpoint's own template (with enable_thinking as chat_template_kwargs) and stops at its end
         * of turn; LLaMA-Factory trains with the template of the same name and the same enable_thinking.
         */
        chat_template: z
          .strictObject({
            /** embedded (the CPU engine: plain concatenation), qwen3 (Qwen3, Qwen3-Base), qwen3_nothink (Qwen3 Instruct-2507). */
            name: z.enum(CHAT_TEMPLATE_NAMES).default('embedded'),
            /** Qwen3's thinking mode; AERO samples without it (AERO-SPEC 4). Only qwen3 has the switch. */
            enable_thinking: z.boolean().default(false),
          })
          .prefault({})
          .refine((t) => !t.enable_thinking || CHAT_TEMPLATES[t.name].thinkingSwitch, {
            message: 'enable_thinking needs a template with a thinking switch (qwen3)',
            path: ['enable_thinking'],
          }),
        /**
         * Sampling per role beyond the temperature. null sends nothing: the engine's default applies,
         * which for vLLM is the checkpoint's generation_config under vllm.generation_config "auto" (as
         * the original AERO sampled), else the full vocabulary.
         */
        sampling: z
          .strictObject({
            /** Nucleus mass, (0, 1]. */
            top_p: perRoleOptional(z.number().gt(0).max(1)),
            /** Most likely tokens kept, >= 1; -1 turns a checkpoint's top_k off. */
            top_k: perRoleOptional(z.number().int().refine((k) => k === -1 || k >= 1, 'must be -1 (off) or at least 1')),
          })
          .prefault({}),
        /** Folder of the per-instance engine logs; relative to runs_dir; empty = <runs_dir>/engine-logs. */
        log_dir: z.string().default(''),
        /** Seconds a stopped engine gets between SIGTERM and SIGKILL (vLLM frees GPU memory on SIGTERM). */
        stop_grace_s: positiveInt.default(30),
        /** Seconds between readiness probes of ready instances (remote endpoints, hung processes). */
        probe_interval_s: positiveInt.default(5),
        /** Seconds ServeModel waits for requests in flight on the old model before stopping it. */
        drain_timeout_s: z.number().int().min(0).default(60),
        routing: z
          .strictObject({
            /** Requests in flight per instance. */
            max_concurrency_per_instance: positiveInt.default(64),
            /** Requests waiting for a slot; more are RESOURCE_EXHAUSTED. */
            max_queue: z.number().int().min(0).default(4096),
            /** Largest n of one engine request; larger n is split. */
            max_n_per_request: positiveInt.default(64),
            /** Retries of connection failures and 5xx, on another instance. */
            retries: z.number().int().min(0).max(10).default(3),
            /** First retry delay, ms (doubles, with jitter). */
            backoff_ms: z.number().int().min(0).default(200),
          })
          .prefault({}),
        embedded: z
          .strictObject({
            /** Engine processes (CPU). */
            instances: positiveInt.max(64).default(1),
            /** Sampling seed passed to each instance (instance i gets seed + i). */
            seed: z.number().int().min(0).default(0),
            /** Threads each instance splits its decode steps between (serve --threads); the numbers do not depend on it. */
            threads: positiveInt.max(64).default(1),
          })
          .prefault({}),
        vllm: z
          .strictObject({
            /** The vllm executable (looked up on PATH). */
            executable: z.string().min(1).default('vllm'),
            /** One instance per group; each group is a CUDA_VISIBLE_DEVICES value. */
            gpu_groups: z.array(z.string().regex(/^\d+(,\d+)*$/, 'a comma-separated GPU list like "0,1"')).min(1).default(['0']),
            /** Port of instance i is port_base + i. */
            port_base: port.default(8001),
            gpu_memory_utilization: z.number().gt(0).max(1).default(0.9),
            tensor_parallel_size: positiveInt.default(1),
            /** vLLM's own data parallelism inside one instance; 1 = off. */
            data_parallel_size: positiveInt.default(1),
            /** Seed given to vllm serve; unset = none. */
            seed: z.number().int().min(0).optional(),
            /**
             * --generation-config: `vllm` ignores the checkpoint's generation_config.json (sampling is
             * exactly what requests say), `auto` lets it fill in what requests leave unset (top_p, top_k, ...).
             */
            generation_config: z.enum(['vllm', 'auto']).default('vllm'),
            /** Extra arguments appended verbatim (an argument array, never a shell string). */
            extra_args: z.array(z.string()).default([]),
          })
          .prefault({})
          .refine((v) => v.gpu_groups.every((g) => g.split(',').length === v.tensor_parallel_size * v.data_parallel_size), {
            message: 'every gpu_groups entry must list tensor_parallel_size × data_parallel_size GPUs',
            path: ['gpu_groups'],
          }),
        openai: z
          .strictObject({
            /** Base URLs of existing OpenAI-compatible servers, e.g. http://host:8000/v1. */
            base_urls: z.array(z.url()).default([]),
            /** Environment variable holding the API key. */
            api_key_env: z.string().default('OPENAI_API_KEY'),
          })
          .prefault({}),
      })
      .prefault({})
      .refine((e) => e.backend !== 'openai' || e.openai.base_urls.length > 0, {
        message: 'backend openai needs at least one engine.openai.base_urls entry',
        path: ['openai', 'base_urls'],
      })
      .refine((e) => e.backend !== 'embedded' || e.chat_template.name === 'embedded', {
        message: 'the embedded engine only has the embedded chat template',
        path: ['chat_template', 'name'],
      }),
    judge: z
      .strictObject({
        /** Ask the model judge when cheap equivalence methods cannot decide. */
        enabled: z.boolean().default(false),
        /** Equivalence verdicts (and prepared answers) the analyzer keeps, least recently used dropped first. */
        cache_size: z.number().int().min(1).max(10_000_000).default(100_000),
      })
      .prefault({}),
    training: z
      .strictObject({
        backend: z.enum(['embedded', 'llamafactory']).default('embedded'),
        /** Training jobs running at once; later ones wait QUEUED (they would share the GPUs or cores). */
        max_concurrent_jobs: positiveInt.max(64).default(1),
        /** Lines of the job's log quoted in a failure message. */
        log_tail_lines: positiveInt.max(1000).default(20),
        /** Seconds a cancelled job's process group gets between SIGTERM and SIGKILL. */
        cancel_grace_s: z.number().min(0).max(600).default(10),
        embedded: z
          .strictObject({
            /** Worker threads of the embedded engine's `train` (--workers). */
            workers: positiveInt.max(64).default(2),
            /**
             * Train job after job in one `train --standby` process, which loads its code and worker
             * threads once instead of at every job's start (0.4 s of it).
             */
            standby: z.boolean().default(true),
          })
          .prefault({}),
        /** KTO hyperparameters, LLaMA-Factory names. */
        kto: z
          .strictObject({
            // The ranges are Train's (KtoHyperparameters).
            pref_beta: z.number().gt(0).max(10).default(0.1),
            /** Weight of the supervised loss on desirable completions added to KTO (LLaMA-Factory's pref_ftx); 0 = none. */
            pref_ftx: z.number().min(0).max(100).default(0),
            learning_rate: z.number().gt(0).max(1).default(5e-6),
            num_train_epochs: z.number().gt(0).max(10_000).default(3),
            per_device_train_batch_size: positiveInt.max(4096).default(1),
            gradient_accumulation_steps: positiveInt.max(4096).default(8),
            cutoff_len: z.number().int().min(16).max(1_048_576).default(2048),
            /** `lora` (an adapter on every lora_target layer, merged after training) or `full` (every parameter). */
            finetuning_type: z.enum(['lora', 'full']).default('lora'),
            /** LoRA's rank, and its scale alpha (LLaMA-Factory's default: twice the rank); lora only. */
            lora_rank: positiveInt.max(4096).default(8),
            lora_alpha: z.number().gt(0).max(65_536).optional(),
            lora_target: z.string().max(256).regex(LORA_TARGET, 'must be "all" or comma-separated module names').default('all'),
            /** Modules trained whole beside the adapter (LLaMA-Factory's additional_target); lora only. */
            additional_target: z.string().max(256).regex(LORA_TARGET, 'must be comma-separated module names').optional(),
            kto_chosen_weight: lossWeight.default(1),
            kto_rejected_weight: lossWeight.default(1),
            lr_scheduler_type: z.enum(['cosine', 'linear', 'constant']).default('cosine'),
            warmup_ratio: probability.default(0.1),
            logging_steps: positiveInt.default(1),
            bf16: z.boolean().default(true),
          })
          .prefault({}),
        llamafactory: z
          .strictObject({
            /** The llamafactory-cli executable (looked up on PATH). */
            cli: z.string().min(1).default('llamafactory-cli'),
            /** CUDA_VISIBLE_DEVICES for training (on every node). The chat template is engine.chat_template. */
            gpus: z.string().regex(/^\d+(,\d+)*$/).default('0'),
            /** Run through torchrun even on one GPU (DeepSpeed forces it anyway). */
            force_torchrun: z.boolean().default(false),
            /** Nodes of one training job; more than one needs `launcher`. */
            nnodes: positiveInt.default(1),
            /** Processes per node; 0 = one per GPU of `gpus`. */
            nproc_per_node: z.number().int().min(0).default(0),
            /** Rendezvous host: this host for one node; for several, an address every node reaches. */
            master_addr: z.string().min(1).default('127.0.0.1'),
            /** Rendezvous port; 0 = a port free on this host when the job starts (one node only). */
            master_port: port.default(0),
            /**
             * Command that runs `llamafactory-cli train CONFIG` once on every node, as an argument list
             * the trainer puts in front of it, e.g. Slurm's [srun, --nodes=2, --ntasks-per-node=1];
             * torchrun's rendezvous (RDZV_ID) then numbers the nodes. Empty: the trainer runs it here.
             */
            launcher: z.array(z.string().min(1)).default([]),
            /** DeepSpeed config file; empty = none. */
            deepspeed: z.string().default(''),
            /**
             * Where LLaMA-Factory (Hugging Face Trainer) reports training metrics, for users who track
             * runs in wandb, TensorBoard or MLflow (credentials from their usual environment variables).
             * The trainer_log.jsonl AERO reads is written either way.
             */
            report_to: z.enum(['none', 'all', 'wandb', 'tensorboard', 'mlflow', 'comet_ml', 'clearml', 'neptune', 'swanlab', 'dvclive', 'azure_ml']).default('none'),
          })
          .prefault({})
          .refine((l) => l.nnodes === 1 || l.launcher.length > 0, {
            message: 'nnodes > 1 needs a launcher that starts llamafactory-cli on every node (e.g. [srun, --nodes=2, --ntasks-per-node=1])',
            path: ['launcher'],
          })
          .refine((l) => l.nnodes === 1 || (l.master_port !== 0 && !/^(127\.|localhost$|::1$)/.test(l.master_addr)), {
            message: 'nnodes > 1 needs master_addr and master_port that every node reaches (not loopback, not 0)',
            path: ['master_addr'],
          }),
      })
      .prefault({}),
    evaluation: z
      .strictObject({
        /** Benchmarks (JSONL of {question, answer[, level]}), evaluated after every round and for round 0. */
        benchmarks: z
          .array(z.strictObject({ name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), path: z.string().min(1) }))
          .default([{ name: 'arithmetic', path: 'apps/engine/data/benchmark.jsonl' }]),
        /** Most tokens per benchmark answer. */
        max_tokens: maxTokens.default(4096),
        /** Evaluate at most this many problems per benchmark; 0 = all. */
        limit: z.number().int().min(0).default(0),
        /**
         * Benchmark problems in flight, each one greedy Solve of n = 1: enough to fill the engines'
         * batches (aero.concurrency, the inner loop's, sends n samples per question).
         */
        concurrency: positiveInt.max(4096).default(64),
      })
      .prefault({}),
    services: z
      .strictObject({
        /** Interface the services bind. */
        host: z.string().min(1).default('127.0.0.1'),
        auth: z
          .strictObject({
            /** Require `authorization: Bearer <token>` on every RPC (health and reflection stay open). */
            enabled: z.boolean().default(false),
            /** Environment variable holding the token (never the token itself in the file). */
            token_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default('AERO_AUTH_TOKEN'),
          })
          .prefault({}),
        tls: z
          .strictObject({
            enabled: z.boolean().default(false),
            /** PEM certificate chain of the servers. */
            cert: z.string().default(''),
            /** PEM private key of the servers. */
            key: z.string().default(''),
            /** PEM CA that clients trust; empty = system roots. */
            ca: z.string().default(''),
          })
          .prefault({})
          .refine((t) => !t.enabled || (t.cert !== '' && t.key !== ''), {
            message: 'tls.enabled needs tls.cert and tls.key',
            path: ['cert'],
          }),
        orchestrator: serviceEndpoint(50050),
        inference_gateway: serviceEndpoint(50051),
        synth: serviceEndpoint(50052),
        analyzer: serviceEndpoint(50053),
        verifier: serviceEndpoint(50054),
        trainer: serviceEndpoint(50055),
        /** Prometheus endpoint of the gateway; 0 picks a free port, -1 turns it off. */
        metrics_port: z.number().int().min(-1).max(65535).default(9464),
      })
      .prefault({}),
    orchestrator: z
      .strictObject({
        /** On start, resume the runs that were running when the orchestrator last died. */
        resume_interrupted: z.boolean().default(true),
        /**
         * Prometheus endpoint of the orchestrator (run metrics); 0 picks a free port, -1 turns it off.
         * An orchestrator started on a free gRPC port (--port 0: local mode, tests) takes a free one too.
         */
        metrics_port: z.number().int().min(-1).max(65535).default(9465),
      })
      .prefault({}),
    logging: z
      .strictObject({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info') })
      .prefault({}),
  })
  .prefault({})
  .superRefine(checkJudgeReplyBudget);

export type AeroConfig = z.infer<typeof configSchema>;
export type ServiceName = 'orchestrator' | 'inference_gateway' | 'synth' | 'analyzer' | 'verifier' | 'trainer';
