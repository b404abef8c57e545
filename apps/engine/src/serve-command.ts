import path from 'node:path';
import { type Checkpoint, loadCheckpoint } from './checkpoint/checkpoint';
import { Decoder, MAX_DECODE_THREADS } from './model/decoder';
import { createServer, type ServedModel } from './server/create-server';
import type { CharTokenizer } from './tokenizer/char-tokenizer';
import { intOption, parseArgs } from './util/parse-args';

/** vLLM flags the gateway passes that mean nothing on one CPU process: accepted, logged, ignored. */
const IGNORED_VLLM_FLAGS = ['gpu-memory-utilization', 'tensor-parallel-size', 'data-parallel-size', 'generation-config'];

export async function serveCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['port', 'served-model-name', 'max-model-len', 'max-num-seqs', 'seed', 'host', 'api-key', 'threads', ...IGNORED_VLLM_FLAGS]);
  if (args.positional.length !== 1) throw new Error('serve needs exactly one MODEL_DIR');
  for (const f of IGNORED_VLLM_FLAGS) {
    if (args.options.has(f)) console.error(JSON.stringify({ event: 'ignored_flag', flag: `--${f}`, value: args.options.get(f), reason: 'no meaning for the embedded CPU engine' }));
  }
  const modelDir = path.resolve(args.positional[0]);
  const ckpt = loadCheckpoint(modelDir);
  const maxModelLen = intOption(args, 'max-model-len', ckpt.cfg.contextLength);
  if (maxModelLen < 2 || maxModelLen > ckpt.cfg.contextLength) throw new Error(`--max-model-len ${maxModelLen} must be between 2 and the model's context length ${ckpt.cfg.contextLength}`);
  // vLLM's cap on the sequences decoding at once (default 256); beyond it requests wait their turn.
  const maxNumSeqs = intOption(args, 'max-num-seqs', 256);
  if (maxNumSeqs < 1) throw new Error(`--max-num-seqs ${maxNumSeqs} must be at least 1`);
  // The model argument as given, as vLLM names it too, not the absolute path it resolves to.
  const servedModelName = args.options.get('served-model-name') ?? args.positional[0];
  // As vLLM does, VLLM_API_KEY stands in for --api-key: a key in the environment is not on a command line `ps` shows.
  const apiKey = args.options.get('api-key') || process.env.VLLM_API_KEY || undefined;
  const host = args.options.get('host') ?? '127.0.0.1';
  const port = intOption(args, 'port', 8000);
  // Threads each model's decode steps are split between (the embedded engine's own flag; vLLM has none).
  const threads = intOption(args, 'threads', 1);
  if (threads < 1 || threads > MAX_DECODE_THREADS) throw new Error(`--threads ${threads} must be between 1 and ${MAX_DECODE_THREADS}`);
  const servedModel = (checkpoint: Checkpoint & { tokenizer: CharTokenizer }): ServedModel => ({ decoder: new Decoder(checkpoint.cfg, checkpoint.params, { threads }), tokenizer: checkpoint.tokenizer });
  const server = createServer({
    ...servedModel(ckpt), loadModel: (dir) => servedModel(loadCheckpoint(path.resolve(dir))), servedModelName, maxModelLen, maxNumSeqs, seed: intOption(args, 'seed', 0), apiKey,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  // The first stdout line is machine-readable so a supervisor can learn the port chosen for --port 0.
  console.log(JSON.stringify({ event: 'listening', host, port: boundPort, model: servedModelName, max_model_len: maxModelLen, pid: process.pid }));
  const shutdown = (signal: string): void => {
    console.error(JSON.stringify({ event: 'shutdown', signal }));
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
