import { pathToFileURL } from 'node:url';

// A guard between the orchestrator and one service it started in local mode:
//   service-guard.ts ENTRY [ARGS...]
// It runs the service as its child and stops it (SIGTERM, then SIGKILL after a grace period) when
// the orchestrator goes away in any manner, SIGKILL included: the orchestrator holds the write end
// of the guard's stdin, and the kernel closes it when the orchestrator dies. Without the guard a
// killed orchestrator would leave its services (and their engines) running. The service's stdout
// and stderr pass straight through, so its "listening" line reaches the orchestrator unchanged.

const GRACE_MS = 15_000;

async function guard(entry: string, args: string[]): Promise<void> {
  // execa is ESM-only: under `node --import tsx` this CommonJS module can load it only with import().
  const { execa } = await import('execa');
  const service = execa(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, entry, ...args], {
    stdin: 'ignore',
    stdout: 'inherit',
    stderr: 'inherit',
    reject: false,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    service.kill('SIGTERM');
    setTimeout(() => service.kill('SIGKILL'), GRACE_MS).unref();
  };
  for (const event of ['end', 'close', 'error']) process.stdin.on(event, stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const result = await service;
  process.exit(result.exitCode ?? 1);
}

const [entry, ...args] = process.argv.slice(2);
if (entry) {
  void guard(entry, args);
} else {
  process.stderr.write('usage: service-guard.ts ENTRY [ARGS...]\n');
  process.exitCode = 2;
}
