import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { BuildDatasetRequest, CancelJobRequest, GetJobRequest, JobState, TrainerServiceClient, TrainRequest, type TrainProgress } from '@aero/contracts';
import { unaryCall } from '@aero/service-kit';
import { collectTrain } from './testing/collect-train';
import { installLlamafactoryStandIn, type StandInCall, type StandInRendered } from './testing/install-llamafactory-stand-in';
import { isRunning } from '@aero/process/testing';
import { fixtureRound } from './testing/kto-example';
import { startTrainer, type RunningTrainer } from './testing/start-trainer';
import { FAST_TRAINING, LONG_TRAINING } from './testing/test-hyperparameters';
import { trainerEnv } from './testing/trainer-env';
import { baseModelForTests } from './testing/base-model-for-tests';
import { writeNodeExecutable } from './testing/write-node-executable';
import { writeRun } from './testing/write-run';

jest.setTimeout(90_000);

describe('llamafactory backend, driven end to end through a stand-in llamafactory-cli', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-lf-'));
  const runsDir = path.join(dir, 'runs');
  const standIn = installLlamafactoryStandIn(path.join(dir, 'bin'));
  const deepspeed = path.join(dir, 'ds_z2.json');
  // One node of two GPUs with DeepSpeed, serving Qwen3 without thinking: the launch LLaMA-Factory reads.
  const overrides = {
    AERO__TRAINING__BACKEND: 'llamafactory',
    AERO__TRAINING__CANCEL_GRACE_S: '2',
    AERO__TRAINING__LLAMAFACTORY__GPUS: '"0,1"',
    AERO__TRAINING__LLAMAFACTORY__DEEPSPEED: deepspeed,
    AERO__ENGINE__BACKEND: 'vllm',
    AERO__ENGINE__CHAT_TEMPLATE__NAME: 'qwen3',
    ...standIn.env,
  };
  let trainer: RunningTrainer;
  let client: TrainerServiceClient;
  let base: string;
  const build = (round: number) => unaryCall(client.buildDataset.bind(client), BuildDatasetRequest.fromPartial({ run_id: 'run-l', round }));
  const getJob = async (id: string) => (await unaryCall(client.getJob.bind(client), GetJobRequest.fromPartial({ job_id: id }))).job!;
  const callsSince = (n: number) => standIn.calls().slice(n);

  beforeAll(async () => {
    fs.writeFileSync(deepspeed, JSON.stringify({ zero_optimization: { stage: 2 } }));
    writeRun(runsDir, 'run-l', [fixtureRound(1), fixtureRound(2), fixtureRound(3)]);
    [base, trainer] = await Promise.all([baseModelForTests(dir), startTrainer(trainerEnv(dir, overrides))]);
    client = trainer.client;
  });
  afterAll(async () => {
    await trainer?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('launches train with the exact argv, environment and files LLaMA-Factory needs, then export, and returns the merged model', async () => {
    const dataset = await build(2);
    const before = standIn.calls().length;
    const { messages, error } = await collectTrain(
      client,
      TrainRequest.fromPartial({ run_id: 'run-l', round: 2, dataset: dataset.dataset, base_model: base, hyperparameters: FAST_TRAINING }),
    );
    expect(error).toBeUndefined();
    const jobDir = path.join(runsDir, 'run-l', 'training', 'r2');
    const calls = callsSince(before).filter((c): c is StandInCall => c.event === 'call');
    expect(calls.map((c) => c.argv)).toEqual([
      ['train', path.join(jobDir, 'train.yaml')],
      ['export', path.join(jobDir, 'export.yaml')],
    ]);
    // DeepSpeed and two GPUs run torchrun; its rendezvous port was free (the stand-in held it while training).
    const port = calls[0].env.MASTER_PORT;
    expect(Number(port)).toBeGreaterThan(0);
    const env = { CUDA_VISIBLE_DEVICES: '0,1', FORCE_TORCHRUN: '1', NNODES: '1', NODE_RANK: '0', NPROC_PER_NODE: '2', MASTER_ADDR: '127.0.0.1', MASTER_PORT: port };
    expect(calls.map((c) => c.env)).toEqual([env, env]);
    expect(calls[0].cwd).toBe(jobDir);
    expect(calls[0].config).toContain(`deepspeed: ${JSON.stringify(deepspeed)}`);
    expect(calls[0].config).toContain('learning_rate: 0.001');
    expect(calls[0].config).toContain(`dataset_dir: ${JSON.stringify(dataset.dataset_dir)}`);
    expect(calls[0].config).toContain('template: "qwen3"\nenable_thinking: false\n');
    expect(calls[1].config).toContain(`adapter_name_or_path: ${JSON.stringify(path.join(jobDir, 'output'))}`);
    // What LLaMA-Factory trains on: the prompt as Qwen3's template renders it without thinking, loss on the answer only.
    const rendered = callsSince(before).find((c): c is StandInRendered => c.event === 'rendered');
    expect(rendered?.examples[0]).toEqual({
      prompt: '<|im_start|>user\nROLE_GENERATOR prompt r2-0<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n',
      response: 'ROLE_GENERATOR completion r2-0 \\boxed{0}<|im_end|>\n',
      label: true,
    });

    const steps = messages.filter((m) => m.job?.progress).map((m) => m.job!.progress!.current_steps);
    expect(steps[steps.length - 1]).toBe(6);
    // LLaMA-Factory logs KTO's KL and rewards only to trainer_state.json, once training ended: the
    // stream then sends every logged step again with them, as the embedded engine's steps carry them.
    const output = path.join(jobDir, 'output');
    const lines = fs.readFileSync(path.join(output, 'trainer_log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => 'kl' in l || 'rewards_chosen' in l)).toEqual([]);
    const history = (JSON.parse(fs.readFileSync(path.join(output, 'trainer_state.json'), 'utf8')) as { log_history: Record<string, number>[] }).log_history.filter((e) => 'kl' in e);
    const sent = messages.flatMap((m) => (m.job?.progress ? [JSON.stringify(m.job.progress)] : [])).filter((p, i, all) => p !== all[i - 1]).map((p) => JSON.parse(p) as TrainProgress);
    const completed = sent.findIndex((p) => p.kl !== undefined);
    expect(sent.slice(0, completed).map((p) => [p.current_steps, p.kl])).toEqual(lines.map((l) => [l.current_steps, undefined]));
    expect(sent.slice(completed).map((p) => [p.current_steps, p.loss, p.kl, p.rewards_chosen, p.rewards_rejected])).toEqual(
      history.map((e) => [e.step, e.loss, e.kl, e['rewards/chosen'], e['rewards/rejected']]),
    );
    expect(history.map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const last = messages[messages.length - 1].job!;
    expect(last).toMatchObject({ state: JobState.JOB_STATE_SUCCEEDED, model_path: path.join(jobDir, 'model'), warnings: [] });
    expect(fs.readdirSync(last.model_path).sort()).toEqual(['config.json', 'model.safetensors']);
    expect(fs.existsSync(path.join(jobDir, 'export.partial'))).toBe(false);
    expect(last.metrics.train_loss).toBeGreaterThan(0);
  });

  it('fails with FAILED_PRECONDITION and the log tail when llamafactory-cli rejects the model, having warned of examples longer than cutoff_len', async () => {
    const notAModel = fs.mkdtempSync(path.join(dir, 'empty-'));
    const hyperparameters = { ...FAST_TRAINING, cutoff_len: 16 };
    const { messages, error } = await collectTrain(
      client,
      TrainRequest.fromPartial({ run_id: 'run-l', round: 2, dataset: 'aero_r2', base_model: notAModel, hyperparameters }),
    );
    expect(messages[0]?.job?.warnings).toEqual([expect.stringMatching(/^\d+ of \d+ examples may be longer than cutoff_len 16 tokens/)]);
    expect(error?.code).toBe(Status.FAILED_PRECONDITION);
    expect(error?.details).toContain('llamafactory-cli train exited with code 1 before the first training step');
    expect(error?.details).toContain(`ValueError: ${notAModel} does not appear to have a file named config.json`);
    expect((await getJob('run-l-r2')).state).toBe(JobState.JOB_STATE_FAILED);
  });

  it('cancels mid-training: the launcher and the trainer it started are both gone', async () => {
    const dataset = await build(1);
    const before = standIn.calls().length;
    let cancelled: Promise<unknown> | undefined;
    let cancelMs = 0;
    const { error } = await collectTrain(
      client,
      TrainRequest.fromPartial({ run_id: 'run-l', round: 1, dataset: dataset.dataset, base_model: base, hyperparameters: LONG_TRAINING }),
      (m) => {
        if (m.job?.progress && !cancelled) {
          const started = Date.now();
          cancelled = unaryCall(client.cancelJob.bind(client), CancelJobRequest.fromPartial({ job_id: 'run-l-r1' })).finally(() => (cancelMs = Date.now() - started));
        }
      },
    );
    expect(error?.code).toBe(Status.CANCELLED);
    expect(await cancelled).toMatchObject({ job: { state: JobState.JOB_STATE_CANCELLED } });
    // Within the 2 s grace period plus start-up noise: nothing was left to wait for.
    expect(cancelMs).toBeLessThan(8000);
    const pids = callsSince(before).flatMap((c) => ('pid' in c ? [c.pid] : []));
    expect(pids).toHaveLength(2); // llamafactory-cli train and the engine it launched
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('fails with INTERNAL and the log tail when training dies mid-run', async () => {
    const crashing = await startTrainer(trainerEnv(dir, { ...overrides, LLAMAFACTORY_STAND_IN_CRASH_AFTER_STEPS: '2' }));
    try {
      const { messages, error } = await collectTrain(
        crashing.client,
        TrainRequest.fromPartial({ run_id: 'run-l', round: 3, dataset: (await build(3)).dataset, base_model: base, hyperparameters: LONG_TRAINING }),
      );
      expect(messages.some((m) => m.job?.progress)).toBe(true);
      expect(error?.code).toBe(Status.INTERNAL);
      expect(error?.details).toContain('llamafactory-cli train exited with code 1 during training');
      expect(error?.details).toContain('torch.OutOfMemoryError: CUDA out of memory');
      expect(fs.existsSync(path.join(runsDir, 'run-l', 'training', 'r3', 'model'))).toBe(false);
    } finally {
      await crashing.stop();
    }
  });
});

describe('llamafactory backend on several nodes, started by a launcher', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-lf-nodes-'));
  const standIn = installLlamafactoryStandIn(path.join(dir, 'bin'));
  const srun = writeNodeExecutable(path.join(dir, 'bin'), 'srun', 'srun.stand-in.cjs');
  const hub = path.join(dir, 'hub');
  let trainer: RunningTrainer;

  beforeAll(async () => {
    writeRun(path.join(dir, 'runs'), 'run-n', [fixtureRound(1)]);
    fs.cpSync(await baseModelForTests(dir), path.join(hub, 'test-org', 'tiny'), { recursive: true });
    trainer = await startTrainer(
      trainerEnv(dir, {
        AERO__TRAINING__BACKEND: 'llamafactory',
        AERO__TRAINING__LLAMAFACTORY__NNODES: '2',
        AERO__TRAINING__LLAMAFACTORY__LAUNCHER: `[${JSON.stringify(srun)}, --nodes=2, --ntasks-per-node=1]`,
        AERO__TRAINING__LLAMAFACTORY__MASTER_ADDR: '10.1.2.3',
        AERO__TRAINING__LLAMAFACTORY__MASTER_PORT: '29511',
        LLAMAFACTORY_STAND_IN_HUB: hub,
        ...standIn.env,
      }),
    );
  });
  afterAll(async () => {
    await trainer?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts llamafactory-cli train on every node, met by the rendezvous of the job, from a Hub model id', async () => {
    const { client } = trainer;
    const dataset = await unaryCall(client.buildDataset.bind(client), BuildDatasetRequest.fromPartial({ run_id: 'run-n', round: 1 }));
    const { messages, error } = await collectTrain(
      client,
      TrainRequest.fromPartial({ run_id: 'run-n', round: 1, dataset: dataset.dataset, base_model: 'test-org/tiny', hyperparameters: FAST_TRAINING }),
    );
    expect(error).toBeUndefined();
    expect(messages.at(-1)?.job?.state).toBe(JobState.JOB_STATE_SUCCEEDED);
    const calls = standIn.calls().filter((c): c is StandInCall => c.event === 'call');
    const env = { CUDA_VISIBLE_DEVICES: '0', FORCE_TORCHRUN: '1', NNODES: '2', NPROC_PER_NODE: '1', MASTER_ADDR: '10.1.2.3', MASTER_PORT: '29511', RDZV_ID: 'run-n-r1' };
    expect(calls.map((c) => [c.argv[0], c.env])).toEqual([
      ['train', env],
      ['train', env],
      ['export', env],
    ]);
    expect(calls[0].config).toContain('model_name_or_path: "test-org/tiny"');
    expect(standIn.calls().filter((c) => c.event === 'engine')).toHaveLength(1);
  });

  it('refuses to start on a runs_dir with a space, which the launcher would split', async () => {
    const spaced = path.join(dir, 'my runs');
    const started = startTrainer(trainerEnv(dir, { AERO__TRAINING__BACKEND: 'llamafactory', AERO__RUNS_DIR: spaced }));
    await expect(started).rejects.toThrow(/runs_dir .*my runs.* contains whitespace/);
  });
});
