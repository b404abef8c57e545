'use strict';
/**
 * Stand-in for `llamafactory-cli` in tests (installed on PATH by installLlamafactoryStandIn). It
 * checks its argv, environment, YAML and dataset the way LLaMA-Factory reads them, records every call,
 * and then does the work for real: `train` runs the embedded engine's `train` on the same config, and
 * writes output_dir as LLaMA-Factory does: trainer_log.jsonl growing with LLaMA-Factory's keys only
 * (its LogCallback logs no KL or rewards), then the checkpoint, all_results.json and HF Trainer's
 * trainer_state.json, whose log_history holds each logged step under TRL's KTO keys ("kl",
 * "rewards/chosen", ...); `export` "merges" by copying that checkpoint into export_dir. Any violation exits 1 with a Python-style
 * error, as LLaMA-Factory would fail. What it does as LLaMA-Factory's launcher does:
 * - torchrun runs for FORCE_TORCHRUN or several GPUs; its command line is the arguments joined with
 *   spaces and split again (a path with a space breaks apart), DeepSpeed without it is refused, and
 *   on one node it binds MASTER_PORT for the whole training (taken: the launch fails);
 * - with RDZV_ID the processes started on every node meet: one trains, the others wait for it;
 * - each example is rendered with the YAML's template and enable_thinking as LLaMA-Factory's
 *   template.py would (the prompt part and the trained response part), and recorded.
 * A model may be a Hub id found in LLAMAFACTORY_STAND_IN_HUB (a folder of <org>/<name> checkpoints).
 *
 * Environment read from the test: LLAMAFACTORY_STAND_IN_RECORD (JSON Lines file of calls),
 * AERO_STAND_IN_TIMELINE (optional JSON Lines shared with the vllm stand-in: when training started and
 * ended, on which GPUs) and, to simulate a GPU dying mid-run, LLAMAFACTORY_STAND_IN_CRASH_AFTER_STEPS.
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const YAML = require('yaml');

const REPO = path.resolve(__dirname, '../../../..');
const ENGINE_MAIN = path.join(REPO, 'apps/engine/src/main.ts');

// PyYAML (YAML 1.1) implicit types: what LLaMA-Factory's yaml.safe_load makes of a plain scalar.
const PY_FLOAT = /^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$/;
const PY_INT = /^[-+]?(?:0|[1-9][0-9_]*)$/;
const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

const TRAIN_KEYS = {
  str: ['model_name_or_path', 'stage', 'finetuning_type', 'lora_target', 'pref_loss', 'dataset', 'dataset_dir', 'template', 'output_dir', 'report_to', 'lr_scheduler_type', 'deepspeed'],
  int: ['lora_rank', 'cutoff_len', 'logging_steps', 'per_device_train_batch_size', 'gradient_accumulation_steps', 'ddp_timeout', 'seed', 'save_steps'],
  float: ['pref_beta', 'pref_ftx', 'kto_chosen_weight', 'kto_rejected_weight', 'learning_rate', 'num_train_epochs', 'warmup_ratio'],
  bool: ['do_train', 'overwrite_output_dir', 'bf16', 'plot_loss', 'trust_remote_code', 'enable_thinking'],
};
const EXPORT_KEYS = {
  str: ['model_name_or_path', 'adapter_name_or_path', 'template', 'finetuning_type', 'export_dir', 'export_device'],
  int: ['export_size'],
  float: [],
  bool: ['export_legacy_format', 'trust_remote_code', 'enable_thinking'],
};
const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Qwen3's empty think block: LLaMA-Factory's thought words ("<think>\n", "\n</think>\n\n") joined. */
const EMPTY_THOUGHT = '<think>\n\n</think>\n\n';
const CHATML_USER = (content) => `<|im_start|>user\n${content}<|im_end|>\n<|im_start|>assistant\n`;
/**
 * The templates of LLaMA-Factory's template.py the stand-in knows: one user turn and the answer,
 * as [prompt, trained response]. qwen3 is a ReasoningTemplate: an answer without thought gets the
 * empty think block, in the prompt (no loss) when enable_thinking is false, else in the response.
 */
const TEMPLATES = {
  empty: (prompt, answer) => [prompt, answer],
  qwen3_nothink: (prompt, answer) => [CHATML_USER(prompt), `${answer}<|im_end|>\n`],
  qwen3: (prompt, answer, thinking) => {
    const thought = answer.includes('<think>') || answer.includes('</think>') ? '' : EMPTY_THOUGHT;
    return thinking ? [CHATML_USER(prompt), `${thought}${answer}<|im_end|>\n`] : [CHATML_USER(prompt) + thought, `${answer}<|im_end|>\n`];
  },
};
const CHOICES = {
  stage: ['pt', 'sft', 'rm', 'ppo', 'dpo', 'kto'],
  finetuning_type: ['lora', 'oft', 'freeze', 'full'],
  pref_loss: ['sigmoid', 'hinge', 'ipo', 'kto_pair', 'orpo', 'simpo'],
  lr_scheduler_type: ['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup'],
  export_device: ['cpu', 'auto'],
};
const ENV_KEYS = ['CUDA_VISIBLE_DEVICES', 'FORCE_TORCHRUN', 'NNODES', 'NODE_RANK', 'NPROC_PER_NODE', 'MASTER_ADDR', 'MASTER_PORT', 'RDZV_ID'];

function fail(message) {
  process.stderr.write(`Traceback (most recent call last):\n  File "llamafactory/hparams/parser.py", line 1, in get_train_args\nValueError: ${message}\n`);
  process.exit(1);
}

function record(entry) {
  const file = process.env.LLAMAFACTORY_STAND_IN_RECORD;
  if (file) fs.appendFileSync(file, JSON.stringify(entry) + '\n');
}

function timeline(event) {
  const file = process.env.AERO_STAND_IN_TIMELINE;
  const entry = { at: Date.now(), process: 'llamafactory-cli train', pid: process.pid, event, gpus: process.env.CUDA_VISIBLE_DEVICES };
  if (file) fs.appendFileSync(file, JSON.stringify(entry) + '\n');
}

/** Parses the YAML as PyYAML would type it, and checks every key like HfArgumentParser.parse_dict. */
function readConfig(file, keys) {
  if (!/\.ya?ml$/.test(file)) fail(`expected a .yaml config, got ${file}`);
  if (!fs.existsSync(file)) fail(`config file not found: ${file}`);
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { version: '1.1' });
  if (doc.errors.length > 0) fail(`invalid YAML in ${file}: ${doc.errors[0].message}`);
  const config = {};
  const unknown = [];
  for (const pair of doc.contents.items) {
    const key = pair.key.value;
    const node = pair.value;
    const kind = Object.keys(keys).find((k) => keys[k].includes(key));
    if (!kind) {
      unknown.push(key);
      continue;
    }
    const plain = node.type === 'PLAIN';
    const source = String(node.source);
    const ok = {
      str: typeof node.value === 'string' && !(plain && (PY_FLOAT.test(source) || PY_INT.test(source) || PY_BOOL.test(source))),
      int: plain && PY_INT.test(source),
      float: plain && (PY_FLOAT.test(source) || PY_INT.test(source)),
      bool: plain && PY_BOOL.test(source),
    }[kind];
    if (!ok) fail(`${key}: ${JSON.stringify(source)} is not read as a Python ${kind} by PyYAML`);
    if (CHOICES[key] && !CHOICES[key].includes(node.value)) fail(`${key} must be one of ${CHOICES[key].join(', ')}, got ${node.value}`);
    config[key] = node.value;
  }
  if (unknown.length > 0) fail(`Some keys are not used by the HfArgumentParser: [${unknown.map((k) => `'${k}'`).join(', ')}]`);
  return config;
}

function requireKeys(config, keys) {
  for (const key of keys) if (config[key] === undefined || config[key] === '') fail(`${key} is required`);
}

/** A local model folder, or the folder a Hub id was "downloaded" to. */
function requireModel(name) {
  const hub = process.env.LLAMAFACTORY_STAND_IN_HUB;
  const dir = HUB_ID.test(name) && !fs.existsSync(name) && hub ? path.join(hub, name) : name;
  if (!fs.existsSync(path.join(dir, 'config.json'))) fail(`${name} does not appear to have a file named config.json`);
  return dir;
}

function checkEnv(env) {
  if (!/^\d+(,\d+)*$/.test(env.CUDA_VISIBLE_DEVICES || '')) fail(`CUDA_VISIBLE_DEVICES=${env.CUDA_VISIBLE_DEVICES} is not a GPU list`);
  if (!['0', '1', 'true', 'false'].includes(String(env.FORCE_TORCHRUN).toLowerCase())) fail(`FORCE_TORCHRUN=${env.FORCE_TORCHRUN}`);
  for (const key of ['NNODES', 'NPROC_PER_NODE', 'MASTER_PORT']) if (!/^[1-9]\d*$/.test(env[key] || '')) fail(`${key}=${env[key]} is not a positive integer`);
  // Several nodes meet through the rendezvous, which numbers them; one node is rank 0 of its own.
  if (env.RDZV_ID === undefined && (!/^\d+$/.test(env.NODE_RANK || '') || Number(env.NODE_RANK) >= Number(env.NNODES))) fail(`NODE_RANK=${env.NODE_RANK} with NNODES=${env.NNODES}`);
  if (Number(env.NNODES) > 1 && env.RDZV_ID === undefined) fail('several nodes without RDZV_ID: every node would claim the rank in NODE_RANK');
  if (!env.MASTER_ADDR) fail('MASTER_ADDR is empty');
}

/** Whether LLaMA-Factory's launcher runs torchrun (it does for FORCE_TORCHRUN or more than one GPU). */
function usesTorchrun(env) {
  return ['1', 'true'].includes(String(env.FORCE_TORCHRUN).toLowerCase()) || String(env.CUDA_VISIBLE_DEVICES).split(',').length > 1;
}

/** torchrun's TCPStore on MASTER_PORT for the whole training, as on a single node: a port in use fails the launch. */
function holdMasterPort(env) {
  return new Promise((resolve) => {
    const store = net.createServer();
    store.once('error', (error) => fail(`torch.distributed.DistStoreError: The server socket has failed to listen on any local network address. port: ${env.MASTER_PORT}, ${error.code}`));
    store.listen(Number(env.MASTER_PORT), env.MASTER_ADDR, () => resolve(store));
  });
}

/** The sharegpt KTO checks of LLaMA-Factory's converter: alternating turns, a boolean kto_tag. Returns the examples. */
function readDataset(config) {
  const infoPath = path.join(config.dataset_dir, 'dataset_info.json');
  if (!fs.existsSync(infoPath)) fail(`Cannot open ${infoPath} due to [Errno 2] No such file or directory`);
  const info = JSON.parse(fs.readFileSync(infoPath, 'utf8'));
  const examples = [];
  for (const name of String(config.dataset).split(',').map((s) => s.trim())) {
    const attr = info[name];
    if (!attr) fail(`Undefined dataset ${name} in dataset_info.json.`);
    if (attr.formatting !== 'sharegpt') fail(`${name}: formatting must be sharegpt`);
    const columns = attr.columns || {};
    const tags = attr.tags || {};
    if (!columns.messages || !columns.kto_tag) fail(`${name}: KTO needs columns.messages and columns.kto_tag`);
    for (const tag of ['role_tag', 'content_tag', 'user_tag', 'assistant_tag']) if (!tags[tag]) fail(`${name}: tags.${tag} is missing`);
    const file = path.join(config.dataset_dir, attr.file_name);
    if (!fs.existsSync(file)) fail(`File ${file} not found.`);
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const example = JSON.parse(line);
      const messages = example[columns.messages];
      if (!Array.isArray(messages) || messages.length === 0 || messages.length % 2 !== 0) fail(`${file}:${i + 1}: Invalid message count`);
      messages.forEach((m, turn) => {
        const want = turn % 2 === 0 ? tags.user_tag : tags.assistant_tag;
        if (m[tags.role_tag] !== want || typeof m[tags.content_tag] !== 'string') fail(`${file}:${i + 1}: Invalid role tag in turn ${turn}`);
      });
      if (typeof example[columns.kto_tag] !== 'boolean') fail(`${file}:${i + 1}: kto_tag must be a boolean`);
      examples.push({ prompt: messages[0][tags.content_tag], answer: messages[1][tags.content_tag], label: example[columns.kto_tag] });
    });
  }
  if (examples.length === 0) fail('Cannot find valid samples, check `data/README.md` for the data format.');
  return examples;
}

/** Each example as the template renders it (prompt part, trained part). enable_thinking defaults to true, as in LLaMA-Factory. */
function render(config, examples) {
  const template = TEMPLATES[config.template];
  if (!template) fail(`Template ${config.template} does not exist.`);
  const thinking = config.enable_thinking ?? true;
  return examples.map(({ prompt, answer, label }) => {
    const [promptText, responseText] = template(prompt, answer, thinking);
    return { prompt: promptText, response: responseText, label };
  });
}

/**
 * torchrun's rendezvous among the launches of one job: the first to arrive trains, the others wait
 * for its exit code and end with it (every node ends when the job does).
 */
function joinRendezvous(configFile, id) {
  const meeting = path.join(path.dirname(configFile), `.rdzv-${id}`);
  try {
    fs.mkdirSync(meeting);
    return { leader: true, done: (code) => fs.writeFileSync(path.join(meeting, 'exit'), String(code)) };
  } catch {
    setInterval(() => {
      const exit = path.join(meeting, 'exit');
      if (fs.existsSync(exit)) process.exit(Number(fs.readFileSync(exit, 'utf8')));
    }, 50);
    return { leader: false, done: () => undefined };
  }
}

async function train(configFile, extra) {
  checkEnv(process.env);
  const torchrun = usesTorchrun(process.env);
  // LLaMA-Factory's launcher: torchrun ... launcher.py {" ".join(args)}, split on whitespace again.
  const args = torchrun ? [configFile, ...extra].join(' ').split(/\s+/) : [configFile, ...extra];
  if (args.length > 1) fail(`Some specified arguments are not used by the HfArgumentParser: ${JSON.stringify(args.slice(1))}`);
  const config = readConfig(args[0], TRAIN_KEYS);
  requireKeys(config, ['model_name_or_path', 'stage', 'dataset', 'dataset_dir', 'template', 'output_dir']);
  if (config.stage !== 'kto') fail(`this stand-in trains stage kto only, got ${config.stage}`);
  if (config.do_train !== true) fail('do_train must be true');
  const model = requireModel(config.model_name_or_path);
  const examples = readDataset(config);
  if (config.deepspeed !== undefined) {
    JSON.parse(fs.readFileSync(config.deepspeed, 'utf8'));
    if (!torchrun) fail('Please use `FORCE_TORCHRUN=1` to launch DeepSpeed training.');
  }
  record({ event: 'rendered', template: config.template, enable_thinking: config.enable_thinking, examples: render(config, examples) });
  const rendezvous = process.env.RDZV_ID === undefined ? { leader: true, done: () => undefined } : joinRendezvous(configFile, process.env.RDZV_ID);
  if (!rendezvous.leader) return;
  const store = torchrun && process.env.RDZV_ID === undefined ? await holdMasterPort(process.env) : undefined;
  timeline('start');

  // The embedded engine has no DeepSpeed and no thinking switch; everything else it reads itself, from
  // the same keys. It writes into a folder of its own, which output_dir gets in LLaMA-Factory's form.
  const engineDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lf-stand-in-'));
  const engineConfig = { ...config, model_name_or_path: model, output_dir: path.join(engineDir, 'output') };
  delete engineConfig.deepspeed;
  delete engineConfig.enable_thinking;
  const engineYaml = path.join(engineDir, 'train.yaml');
  fs.writeFileSync(engineYaml, YAML.stringify(engineConfig));
  const output = llamafactoryOutput(engineConfig.output_dir, config);
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const engine = spawn(process.execPath, ['--import', tsx, ENGINE_MAIN, 'train', engineYaml, '--workers', '1'], { stdio: 'inherit' });
  record({ event: 'engine', pid: engine.pid });
  const crashAfter = Number(process.env.LLAMAFACTORY_STAND_IN_CRASH_AFTER_STEPS || 0);
  if (crashAfter > 0) {
    const log = path.join(config.output_dir, 'trainer_log.jsonl');
    setInterval(() => {
      const steps = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
      if (steps < crashAfter) return;
      engine.kill('SIGKILL');
      process.stderr.write('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 79.15 GiB total capacity)\n');
      timeline('exit');
      process.exit(1);
    }, 20);
  }
  engine.on('exit', (code, signal) => {
    const status = code ?? (signal ? 1 : 0);
    output.finish(status === 0);
    store?.close();
    timeline('exit');
    rendezvous.done(status);
    process.exit(status);
  });
}

/**
 * output_dir as LLaMA-Factory leaves it, from the engine's `engineOut`: each step line the engine
 * logs goes to trainer_log.jsonl without the keys LLaMA-Factory's LogCallback does not write, and into
 * the log_history of trainer_state.json under HF and TRL's names; once the engine succeeded, its
 * checkpoint and all_results.json, then trainer_state.json (HF's save_state comes after save_metrics).
 */
function llamafactoryOutput(engineOut, config) {
  const out = config.output_dir;
  fs.mkdirSync(out, { recursive: true });
  const history = [];
  let read = 0;
  const mirror = () => {
    const log = path.join(engineOut, 'trainer_log.jsonl');
    const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(0, -1) : [];
    for (const line of lines.slice(read)) {
      const { kl, rewards_chosen, rewards_rejected, ...logged } = JSON.parse(line);
      fs.appendFileSync(path.join(out, 'trainer_log.jsonl'), JSON.stringify(logged) + '\n');
      history.push({
        epoch: logged.epoch, kl, learning_rate: logged.lr, loss: logged.loss,
        'rewards/chosen': rewards_chosen, 'rewards/margins': rewards_chosen - rewards_rejected, 'rewards/rejected': rewards_rejected,
        step: logged.current_steps,
      });
    }
    read = lines.length;
  };
  const timer = setInterval(mirror, 20);
  return {
    finish(succeeded) {
      clearInterval(timer);
      mirror();
      if (!succeeded) return;
      const results = JSON.parse(fs.readFileSync(path.join(engineOut, 'all_results.json'), 'utf8'));
      for (const file of fs.readdirSync(engineOut)) {
        if (!['trainer_log.jsonl', 'all_results.json'].includes(file)) fs.copyFileSync(path.join(engineOut, file), path.join(out, file));
      }
      fs.writeFileSync(path.join(out, 'all_results.json'), JSON.stringify(results, null, 2));
      const last = history.at(-1);
      const summary = { epoch: last?.epoch, step: last?.step, total_flos: 0, train_loss: results.train_loss, train_runtime: results.train_runtime };
      const state = {
        best_metric: null, best_model_checkpoint: null, epoch: last?.epoch, eval_steps: 500, global_step: last?.step, is_hyper_param_search: false,
        is_local_process_zero: true, is_world_process_zero: true, log_history: [...history, summary], logging_steps: config.logging_steps ?? 500,
        max_steps: results.total_steps, num_train_epochs: config.num_train_epochs, save_steps: config.save_steps ?? 500, total_flos: 0,
        train_batch_size: config.per_device_train_batch_size, trial_name: null, trial_params: null,
      };
      fs.writeFileSync(path.join(out, 'trainer_state.json'), JSON.stringify(state, null, 2));
    },
  };
}

function exportModel(configFile) {
  const config = readConfig(configFile, EXPORT_KEYS);
  requireKeys(config, ['model_name_or_path', 'adapter_name_or_path', 'template', 'export_dir']);
  requireModel(config.model_name_or_path);
  if (!TEMPLATES[config.template]) fail(`Template ${config.template} does not exist.`);
  if (config.finetuning_type !== 'lora') fail('merging needs finetuning_type lora');
  if (!fs.existsSync(path.join(config.adapter_name_or_path, 'all_results.json'))) fail(`${config.adapter_name_or_path} holds no finished training`);
  fs.mkdirSync(config.export_dir, { recursive: true });
  for (const file of ['config.json', 'model.safetensors']) fs.copyFileSync(path.join(config.adapter_name_or_path, file), path.join(config.export_dir, file));
  console.log(`[INFO] Exported merged model to ${config.export_dir}`);
}

const [command, configFile, ...extra] = process.argv.slice(2);
record({
  event: 'call',
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  pid: process.pid,
  env: Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]])),
  config: configFile && fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : undefined,
});
if (command === 'train') void train(configFile, extra);
else if (extra.length > 0) fail(`unexpected arguments ${extra.join(' ')}`);
else if (command === 'export') exportModel(configFile);
else fail(`Unknown command: ${command}.`);
