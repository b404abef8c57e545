import { startServiceProcess } from '@aero/testing';
import { execa, ResultPromise } from 'execa';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAIN = path.resolve(__dirname, '../main.ts');
export const TSX_IMPORT = pathToFileURL(require.resolve('tsx')).href;

/** Runs the engine CLI as a real child process (never through a shell). */
export function engineCli(args: string[], opts: { cwd?: string; input?: string } = {}): ResultPromise<{ reject: false; cwd?: string; input?: string }> {
  return execa(process.execPath, ['--import', TSX_IMPORT, MAIN, ...args], { reject: false, cwd: opts.cwd, input: opts.input });
}

export interface Served {
  port: number;
  baseURL: string;
  stderr: () => string;
  /** Current value of one series of GET /metrics, e.g. `vllm:request_success_total{finished_reason="stop"}`; 0 when absent. */
  metric: (series: string) => Promise<number>;
  /** SIGTERM, then the exit code (0 for a clean shutdown). */
  stop: () => Promise<number | undefined>;
}

/** Starts `serve MODEL_DIR --port 0 ...` (with `env` added to this one's) and resolves once its listening line names the port. */
export async function startServe(modelDir: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const svc = await startServiceProcess(MAIN, ['serve', modelDir, '--port', '0', ...extra], { env });
  return {
    port: svc.port,
    baseURL: `http://127.0.0.1:${svc.port}/v1`,
    stderr: svc.stderr,
    metric: async (series) => {
      const text = await (await fetch(`http://127.0.0.1:${svc.port}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    },
    stop: async () => {
      await svc.stop();
      return (await svc.process).exitCode;
    },
  };
}
