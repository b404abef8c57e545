'use strict';
/**
 * Stand-in for vLLM's CLI in tests (installed on PATH as `vllm` by installVllmStandIn, or by any test
 * that writes a wrapper requiring this file). It parses its argument list the way `vllm serve` does
 * (unknown flags are an error, like argparse), checks the GPU count against CUDA_VISIBLE_DEVICES,
 * loads a local folder or a Hub id (from VLLM_STAND_IN_HUB, a folder of <org>/<name> checkpoints,
 * as the Hugging Face cache would), answers /v1/models without the model while "loading", and then
 * serves the checkpoint through the embedded engine, which it starts as its child and puts behind
 * itself as a proxy. On the way it does what vLLM does that the embedded engine cannot:
 * - POST /tokenize of the Qwen special tokens (the stop token ids a chat template needs);
 * - renders each chat request as a Qwen3 checkpoint's chat template would (add_generation_prompt,
 *   and the empty think block when chat_template_kwargs.enable_thinking is false);
 * - with --api-key or VLLM_API_KEY, answers /v1/* without `Authorization: Bearer <key>` with 401.
 *
 * It records what it was given, for the test to assert on:
 * - VLLM_STAND_IN_RECORD_DIR/vllm-<port>.json: argv, CUDA_VISIBLE_DEVICES, pid, loading probes, the
 *   engine's pid, when the model became listable, where its API key came from, the requests it
 *   refused for want of the key;
 * - VLLM_STAND_IN_RECORD_DIR/vllm-<port>.requests.jsonl: every generation request body, with the
 *   rendered chat prompt;
 * - AERO_STAND_IN_TIMELINE (optional, JSON Lines shared with the llamafactory-cli stand-in): when it
 *   started and when it and its engine were gone, with the GPUs it held.
 * VLLM_STAND_IN_MODE=hang makes it load forever.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');
const { pathToFileURL } = require('node:url');

const REPO = path.resolve(__dirname, '../../../..');
const ENGINE_MAIN = path.join(REPO, 'apps/engine/src/main.ts');
const LOADING_MS = Number(process.env.VLLM_STAND_IN_LOADING_MS || 1000);
/** The Qwen tokenizer's special tokens, by id. */
const SPECIAL_TOKENS = { '<|endoftext|>': 151643, '<|im_start|>': 151644, '<|im_end|>': 151645 };

const VALUED = ['--host', '--port', '--served-model-name', '--max-model-len', '--gpu-memory-utilization',
  '--tensor-parallel-size', '--data-parallel-size', '--seed', '--generation-config', '--max-num-seqs', '--api-key'];
const FLAGS = ['--enforce-eager'];
const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const fail = (code, message) => {
  console.error(message);
  process.exit(code);
};

const argv = process.argv.slice(2);
if (argv[0] !== 'serve') fail(2, 'usage: vllm serve MODEL [options]');
const options = {};
const positional = [];
for (let i = 1; i < argv.length; i++) {
  const a = argv[i];
  if (VALUED.includes(a)) {
    if (argv[i + 1] === undefined) fail(2, `vllm serve: error: argument ${a}: expected one argument`);
    options[a] = argv[++i];
  } else if (FLAGS.includes(a)) options[a] = true;
  else if (a.startsWith('-')) fail(2, `vllm serve: error: unrecognized arguments: ${a}`);
  else positional.push(a);
}
if (positional.length !== 1) fail(2, 'vllm serve: error: expected exactly one model');
if (!['auto', 'vllm'].includes(options['--generation-config'] ?? 'auto')) fail(2, 'unsupported --generation-config');
const gpus = (process.env.CUDA_VISIBLE_DEVICES ?? '').split(',').filter(Boolean);
const needed = Number(options['--tensor-parallel-size'] ?? 1) * Number(options['--data-parallel-size'] ?? 1);
if (gpus.length < needed) fail(1, `ValueError: needs ${needed} GPUs, CUDA_VISIBLE_DEVICES=${process.env.CUDA_VISIBLE_DEVICES}`);
const model = modelFolder(positional[0]);

const recordDir = process.env.VLLM_STAND_IN_RECORD_DIR;
if (!recordDir) fail(1, 'VLLM_STAND_IN_RECORD_DIR is not set');
const port = Number(options['--port'] ?? 8000);
const host = options['--host'] ?? '0.0.0.0';
// vLLM takes --api-key first, then VLLM_API_KEY; an empty one is none.
const apiKey = options['--api-key'] || process.env.VLLM_API_KEY || '';
const apiKeyFrom = options['--api-key'] ? '--api-key' : apiKey ? 'VLLM_API_KEY' : null;
const record = { argv, cudaVisibleDevices: process.env.CUDA_VISIBLE_DEVICES ?? null, pid: process.pid, loadingProbes: 0, apiKeyFrom, unauthorized: 0 };
const save = () => {
  const target = path.join(recordDir, `vllm-${port}.json`);
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(record));
  fs.renameSync(`${target}.tmp`, target);
};
const timeline = (event) => {
  const file = process.env.AERO_STAND_IN_TIMELINE;
  if (file) fs.appendFileSync(file, JSON.stringify({ at: Date.now(), process: 'vllm', pid: process.pid, event, gpus: record.cudaVisibleDevices }) + '\n');
};
save();
timeline('start');
console.log(`INFO Loading model weights from ${positional[0]}`);

let engine;
const server = http.createServer((req, res) => void handle(req, res));
server.listen(port, host);
if (process.env.VLLM_STAND_IN_MODE !== 'hang') setTimeout(startEngine, LOADING_MS);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    if (!engine || engine.exitCode !== null || engine.signalCode !== null) return exit(0);
    engine.kill(signal);
  });
}

/** A local checkpoint folder, or the folder a Hub id was "downloaded" to; exits like vLLM otherwise. */
function modelFolder(name) {
  if (fs.existsSync(path.join(name, 'config.json'))) return name;
  const hub = process.env.VLLM_STAND_IN_HUB;
  if (HUB_ID.test(name) && hub && fs.existsSync(path.join(hub, name, 'config.json'))) return path.join(hub, name);
  return fail(1, `OSError: ${name} is not a local folder and is not a valid model identifier listed on 'https://huggingface.co/models'`);
}

function startEngine() {
  const args = ['--import', pathToFileURL(require.resolve('tsx')).href, ENGINE_MAIN, 'serve', model, '--host', '127.0.0.1', '--port', '0'];
  for (const key of ['--served-model-name', '--max-model-len', '--max-num-seqs', '--seed']) if (options[key] !== undefined) args.push(key, options[key]);
  engine = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  record.enginePid = engine.pid;
  save();
  engine.stdout.pipe(process.stdout);
  readline.createInterface({ input: engine.stdout }).on('line', (line) => {
    const event = line.startsWith('{') ? JSON.parse(line) : {};
    if (event.event !== 'listening' || record.enginePort !== undefined) return;
    record.enginePort = event.port;
    record.readyAt = Date.now();
    save();
  });
  engine.on('exit', (code, signal) => exit(code ?? (signal ? 1 : 0)));
}

function exit(code) {
  timeline('exit');
  process.exit(code);
}

async function handle(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
  if (apiKey && req.url.startsWith('/v1') && req.headers.authorization !== `Bearer ${apiKey}`) {
    record.unauthorized++;
    save();
    return reply(res, 401, { error: 'Unauthorized' });
  }
  if (record.enginePort === undefined) {
    if (req.url === '/v1/models') {
      record.loadingProbes++;
      save();
    }
    return reply(res, 200, { object: 'list', data: [] });
  }
  if (req.url === '/tokenize') return reply(res, 200, tokenize(body.prompt));
  if (req.method === 'POST') {
    const rendered = req.url === '/v1/chat/completions' ? renderQwen3Chat(body.messages, body.chat_template_kwargs ?? {}) : undefined;
    fs.appendFileSync(path.join(recordDir, `vllm-${port}.requests.jsonl`), JSON.stringify({ at: Date.now(), url: req.url, body, rendered }) + '\n');
  }
  try {
    const upstream = await fetch(`http://127.0.0.1:${record.enginePort}${req.url}`, {
      method: req.method,
      // The engine behind inherited VLLM_API_KEY, so it wants the key as well.
      headers: { 'content-type': 'application/json', ...(req.headers.authorization && { authorization: req.headers.authorization }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  } catch {
    res.destroy();
  }
}

/** The special tokens as one id each, any other text one id per byte. */
function tokenize(text) {
  const tokens = [];
  let rest = String(text);
  while (rest.length > 0) {
    const special = Object.keys(SPECIAL_TOKENS).find((t) => rest.startsWith(t));
    if (special) {
      tokens.push(SPECIAL_TOKENS[special]);
      rest = rest.slice(special.length);
    } else {
      const char = String.fromCodePoint(rest.codePointAt(0));
      tokens.push(...Buffer.from(char, 'utf8'));
      rest = rest.slice(char.length);
    }
  }
  return { count: tokens.length, max_model_len: Number(options['--max-model-len'] ?? 0), tokens };
}

/** What a Qwen3 checkpoint's chat template renders for these turns, with the generation prompt. */
function renderQwen3Chat(messages, kwargs) {
  const turns = messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('');
  return `${turns}<|im_start|>assistant\n${kwargs.enable_thinking === false ? '<think>\n\n</think>\n\n' : ''}`;
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
