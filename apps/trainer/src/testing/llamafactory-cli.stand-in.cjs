'use strict';
/**
 * Stand-in for `llamafactory-cli` in tests (installed on PATH by installLlamafactoryStandIn). It
 * checks its argv, environment, YAML and dataset the way LLaMA-Factory reads them, records every call,
 * and then does the work for real: `train` runs the embedded engine's `train` on the same config (the
 * engine writes the growing trainer_log.jsonl and all_results.json into output_dir), and `export`
 * "merges" by copying that checkpoint into export_dir. Any violation exits 1 with a Python-style
 * error, as LLaMA-Factory would fail.
 *
 * Environment read from the test: LLAMAFACTORY_STAND_IN_RECORD (JSON Lines file of calls) and, to
 * simulate a GPU dying mid-run, LLAMAFACTORY_STAND_IN_CRASH_AFTER_STEPS.
 */
const fs = require('node:fs');
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
  bool: ['do_train', 'overwrite_output_dir', 'bf16', 'plot_loss', 'trust_remote_code'],
};
const EXPORT_KEYS = {
  str: ['model_name_or_path', 'adapter_name_or_path', 'template', 'finetuning_type', 'export_dir', 'export_device'],
  int: ['export_size'],
  float: [],
  bool: ['export_legacy_format', 'trust_remote_code'],
};
const CHOICES = {
  stage: ['pt', 'sft', 'rm', 'ppo', 'dpo', 'kto'],
  finetuning_type: ['lora', 'oft', 'freeze', 'full'],
  pref_loss: ['sigmoid', 'hinge', 'ipo', 'kto_pair', 'orpo', 'simpo'],
  lr_scheduler_type: ['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup'],
  export_device: ['cpu', 'auto'],
};
const ENV_KEYS = ['CUDA_VISIBLE_DEVICES', 'FORCE_TORCHRUN', 'NNODES', 'NODE_RANK', 'NPROC_PER_NODE', 'MASTER_ADDR', 'MASTER_PORT'];

function fail(message) {
  process.stderr.write(`Traceback (most recent call last):\n  File "llamafactory/hparams/parser.py", line 1, in get_train_args\nValueError: ${message}\n`);
  process.exit(1);
}

function record(entry) {
  const file = process.env.LLAMAFACTORY_STAND_IN_RECORD;
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

function requireModel(dir) {
  if (!fs.existsSync(path.join(dir, 'config.json'))) fail(`${dir} does not appear to have a file named config.json`);
}

function checkEnv(env) {
  if (!/^\d+(,\d+)*$/.test(env.CUDA_VISIBLE_DEVICES || '')) fail(`CUDA_VISIBLE_DEVICES=${env.CUDA_VISIBLE_DEVICES} is not a GPU list`);
  if (!['0', '1', 'true', 'false'].includes(String(env.FORCE_TORCHRUN).toLowerCase())) fail(`FORCE_TORCHRUN=${env.FORCE_TORCHRUN}`);
  for (const key of ['NNODES', 'NPROC_PER_NODE', 'MASTER_PORT']) if (!/^[1-9]\d*$/.test(env[key] || '')) fail(`${key}=${env[key]} is not a positive integer`);
  if (!/^\d+$/.test(env.NODE_RANK || '') || Number(env.NODE_RANK) >= Number(env.NNODES)) fail(`NODE_RANK=${env.NODE_RANK} with NNODES=${env.NNODES}`);
  if (!env.MASTER_ADDR) fail('MASTER_ADDR is empty');
}

/** The sharegpt KTO checks of LLaMA-Factory's converter: alternating turns, a boolean kto_tag. */
function checkDataset(config) {
  const infoPath = path.join(config.dataset_dir, 'dataset_info.json');
  if (!fs.existsSync(infoPath)) fail(`Cannot open ${infoPath} due to [Errno 2] No such file or directory`);
  const info = JSON.parse(fs.readFileSync(infoPath, 'utf8'));
  let records = 0;
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
      records++;
    });
  }
  if (records === 0) fail('Cannot find valid samples, check `data/README.md` for the data format.');
}

function train(configFile) {
  checkEnv(process.env);
  const config = readConfig(configFile, TRAIN_KEYS);
  requireKeys(config, ['model_name_or_path', 'stage', 'dataset', 'dataset_dir', 'template', 'output_dir']);
  if (config.stage !== 'kto') fail(`this stand-in trains stage kto only, got ${config.stage}`);
  if (config.do_train !== true) fail('do_train must be true');
  requireModel(config.model_name_or_path);
  checkDataset(config);
  if (config.deepspeed !== undefined) JSON.parse(fs.readFileSync(config.deepspeed, 'utf8'));

  // The embedded engine has no DeepSpeed; everything else it reads itself, from the same keys.
  const engineConfig = { ...config };
  delete engineConfig.deepspeed;
  const engineYaml = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lf-stand-in-')), 'train.yaml');
  fs.writeFileSync(engineYaml, YAML.stringify(engineConfig));
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
      process.exit(1);
    }, 20);
  }
  engine.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function exportModel(configFile) {
  const config = readConfig(configFile, EXPORT_KEYS);
  requireKeys(config, ['model_name_or_path', 'adapter_name_or_path', 'template', 'export_dir']);
  requireModel(config.model_name_or_path);
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
if (extra.length > 0) fail(`unexpected arguments ${extra.join(' ')}`);
if (command === 'train') train(configFile);
else if (command === 'export') exportModel(configFile);
else fail(`Unknown command: ${command}.`);
