import { chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { engineCli } from './engine-cli';

/** What the stand-in recorded about one `vllm serve` it was started as. */
export interface VllmRecord {
  argv: string[];
  cudaVisibleDevices: string | null;
  pid: number;
  /** GET /v1/models probes answered while "loading" (the model was not listed yet). */
  loadingProbes: number;
  /** The embedded engine the stand-in serves through, once started. */
  enginePid?: number;
  /** Epoch ms when the engine listened, i.e. when the served model became listable. */
  readyAt?: number;
}

/** How long the stand-in pretends to load weights before it serves. */
const STANDIN_LOADING_MS = 1_000;

/**
 * Writes an executable named `vllm` into binDir: a stand-in for vLLM's CLI that parses its argument
 * list the way `vllm serve` does (unknown flags are an error, like argparse), checks the GPU count
 * against CUDA_VISIBLE_DEVICES, records argv and environment in recordDir/vllm-<port>.json, answers
 * /v1/models without the model while "loading", and then serves the checkpoint with the embedded
 * engine as its child. VLLM_STANDIN_MODE=hang makes it load forever.
 */
export function writeVllmStandin(binDir: string, recordDir: string): string {
  const file = path.join(binDir, 'vllm');
  const constants = JSON.stringify({
    recordDir,
    node: engineCli.node,
    engineArgs: engineCli.args(),
    loadingMs: STANDIN_LOADING_MS,
  });
  writeFileSync(file, `#!${engineCli.node}
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const C = ${constants};

const VALUED = ['--host', '--port', '--served-model-name', '--max-model-len', '--gpu-memory-utilization',
  '--tensor-parallel-size', '--data-parallel-size', '--seed', '--generation-config', '--max-num-seqs'];
const FLAGS = ['--enforce-eager'];
const argv = process.argv.slice(2);
const fail = (code, message) => { console.error(message); process.exit(code); };
if (argv[0] !== 'serve') fail(2, 'usage: vllm serve MODEL [options]');
const options = {};
const positional = [];
for (let i = 1; i < argv.length; i++) {
  const a = argv[i];
  if (VALUED.includes(a)) {
    if (argv[i + 1] === undefined) fail(2, 'vllm serve: error: argument ' + a + ': expected one argument');
    options[a] = argv[++i];
  } else if (FLAGS.includes(a)) options[a] = true;
  else if (a.startsWith('-')) fail(2, 'vllm serve: error: unrecognized arguments: ' + a);
  else positional.push(a);
}
if (positional.length !== 1) fail(2, 'vllm serve: error: expected exactly one model');
if (!['auto', 'vllm'].includes(options['--generation-config'] ?? 'auto')) fail(2, 'unsupported --generation-config');
const gpus = (process.env.CUDA_VISIBLE_DEVICES ?? '').split(',').filter(Boolean);
const needed = Number(options['--tensor-parallel-size'] ?? 1) * Number(options['--data-parallel-size'] ?? 1);
if (gpus.length < needed) fail(1, 'ValueError: needs ' + needed + ' GPUs, CUDA_VISIBLE_DEVICES=' + process.env.CUDA_VISIBLE_DEVICES);

const port = Number(options['--port'] ?? 8000);
const host = options['--host'] ?? '0.0.0.0';
const record = { argv, cudaVisibleDevices: process.env.CUDA_VISIBLE_DEVICES ?? null, pid: process.pid, loadingProbes: 0 };
const save = () => {
  const target = path.join(C.recordDir, 'vllm-' + port + '.json');
  fs.writeFileSync(target + '.tmp', JSON.stringify(record));
  fs.renameSync(target + '.tmp', target);
};
save();
console.log('INFO Loading model weights from ' + positional[0]);
if (process.env.VLLM_STANDIN_MODE === 'hang') {
  setInterval(() => {}, 60_000);
} else {
  const loading = http.createServer((req, res) => {
    if (req.url === '/v1/models') { record.loadingProbes++; save(); }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [] }));
  });
  loading.listen(port, host, () => setTimeout(() => { loading.close(serve); loading.closeAllConnections(); }, C.loadingMs));
}

function serve() {
  const args = [...C.engineArgs, 'serve', positional[0], '--host', host, '--port', String(port)];
  for (const key of ['--served-model-name', '--max-model-len', '--max-num-seqs', '--seed']) if (options[key] !== undefined) args.push(key, options[key]);
  const engine = spawn(C.node, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  record.enginePid = engine.pid;
  save();
  engine.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (record.readyAt === undefined && chunk.toString().includes('"event":"listening"')) { record.readyAt = Date.now(); save(); }
  });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => engine.kill(signal));
  engine.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
`);
  chmodSync(file, 0o755);
  return file;
}
