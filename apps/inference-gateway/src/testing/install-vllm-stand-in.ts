import * as fs from 'node:fs';
import * as path from 'node:path';

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
  /** Where its API key came from; null: it had none. */
  apiKeyFrom: '--api-key' | 'VLLM_API_KEY' | null;
  /** Requests to /v1/* it answered 401 for want of the key. */
  unauthorized: number;
}

/** One generation request the stand-in received, with the chat prompt a Qwen3 checkpoint would see. */
export interface VllmRequest {
  at: number;
  url: string;
  body: Record<string, unknown>;
  rendered?: string;
}

export interface VllmStandIn {
  /** PATH with the stand-in first, and where it records. */
  env: Record<string, string>;
  /** The `vllm serve` that listened on `port`. */
  recordOf(port: number): VllmRecord;
  /** The generation requests the instance on `port` received, in order. */
  requestsOf(port: number): VllmRequest[];
}

/**
 * Puts an executable `vllm` into binDir that runs vllm.stand-in.cjs with this node, and returns the
 * environment that puts it first on PATH and tells it where to record (recordDir).
 */
export function installVllmStandIn(binDir: string, recordDir: string): VllmStandIn {
  fs.mkdirSync(binDir, { recursive: true });
  fs.mkdirSync(recordDir, { recursive: true });
  const script = path.join(__dirname, 'vllm.stand-in.cjs');
  fs.writeFileSync(path.join(binDir, 'vllm'), `#!${process.execPath}\nrequire(${JSON.stringify(script)});\n`, { mode: 0o755 });
  const file = (name: string) => path.join(recordDir, name);
  return {
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, VLLM_STAND_IN_RECORD_DIR: recordDir },
    recordOf: (port) => JSON.parse(fs.readFileSync(file(`vllm-${port}.json`), 'utf8')) as VllmRecord,
    requestsOf: (port) =>
      fs.existsSync(file(`vllm-${port}.requests.jsonl`))
        ? fs.readFileSync(file(`vllm-${port}.requests.jsonl`), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as VllmRequest)
        : [],
  };
}
