import * as readline from 'node:readline';
import { execa } from 'execa';
import { engineCli } from './engine-cli';

export interface RunningEngine {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** The embedded engine's `serve` started by a test, as a remote endpoint would be. */
export async function startEngine(modelDir: string, servedModelName: string): Promise<RunningEngine> {
  const child = execa(engineCli.node, engineCli.args('serve', modelDir, '--port', '0', '--served-model-name', servedModelName), {
    reject: false,
    buffer: false,
    stdin: 'ignore',
    stderr: 'ignore',
  });
  if (!child.stdout || child.pid === undefined) throw new Error('the engine could not be started');
  const pid = child.pid;
  const lines = readline.createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      const event = JSON.parse(line) as { event?: string; port?: number };
      if (event.event === 'listening' && event.port) resolve(event.port);
    });
    void child.then((r) => reject(new Error(`the engine exited (${r.exitCode}) before listening`)));
  });
  return {
    port,
    pid,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}
