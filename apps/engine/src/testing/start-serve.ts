import { execa, ResultPromise } from 'execa';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAIN = path.resolve(__dirname, '../main.ts');
export const TSX_IMPORT = pathToFileURL(require.resolve('tsx')).href;

/** Runs the engine CLI as a real child process (never through a shell). */
export function engineCli(args: string[], opts: { cwd?: string } = {}): ResultPromise<{ reject: false; cwd?: string }> {
  return execa(process.execPath, ['--import', TSX_IMPORT, MAIN, ...args], { reject: false, cwd: opts.cwd });
}

export interface Served {
  port: number;
  baseURL: string;
  proc: ResultPromise;
  stderr: () => string;
  stop: () => Promise<number | undefined>;
}

/** Starts `serve ... --port 0` and resolves once its listening line names the port. */
export async function startServe(modelDir: string, extra: string[] = []): Promise<Served> {
  const proc = execa(process.execPath, ['--import', TSX_IMPORT, MAIN, 'serve', modelDir, '--port', '0', ...extra], { reject: false, buffer: false });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        const line = JSON.parse(out.slice(0, nl));
        if (line.event === 'listening') resolve(line.port);
        else reject(new Error(`unexpected first line ${out.slice(0, nl)}`));
      }
    });
    proc.then((r) => reject(new Error(`serve exited early (${r.exitCode}): ${stderr}`)));
  });
  return {
    port,
    baseURL: `http://127.0.0.1:${port}/v1`,
    proc,
    stderr: () => stderr,
    stop: async () => {
      if (proc.pid !== undefined && proc.exitCode === null) process.kill(proc.pid, 'SIGTERM');
      const r = await proc;
      return r.exitCode;
    },
  };
}
