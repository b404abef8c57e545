// A relative import, not @aero/process: the trainer runs this CLI in a job folder outside the
// repository, where tsx finds no tsconfig to resolve @aero/* from. watch-parent.ts imports only node:*.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { watchParent } from '../../../libs/process/src/watch-parent';
import { evalCommand } from './eval-command';
import { makeBenchmarkCommand } from './make-benchmark-command';
import { pretrainCommand } from './pretrain-command';
import { serveCommand } from './serve-command';
import { trainCommand } from './train-command';

const USAGE = `usage: node --import tsx apps/engine/src/main.ts <command> ...
  serve MODEL_DIR --port P --served-model-name NAME [--max-model-len N] [--max-num-seqs N] [--seed S] [--host H] [--api-key KEY (or VLLM_API_KEY)] [--threads N]
  train CONFIG.yaml [--workers N]
  train --standby [--workers N]   (then one job per stdin line: {"config": "CONFIG.yaml", "cwd": "/abs/folder"})
  pretrain [--recipe pretrained|base] [--out DIR] [--seed S] [--steps N] [--overwrite] ...
  eval MODEL_DIR [--benchmark FILE] [--k K] [--limit PER_LEVEL] [--json OUT] [--seed S]
  make-benchmark [--out FILE] [--seed S] [--per-level N]`;

async function main(argv: string[]): Promise<void> {
  // Started by the gateway (serve) or the trainer (train): exit once it is gone, however it died; the
  // engine's threads go with its process, so there is nothing else to stop.
  watchParent();
  keepGoingWithoutStdout();
  const [command, ...rest] = argv;
  switch (command) {
    case 'pretrain':
      return pretrainCommand(rest);
    case 'serve':
      return serveCommand(rest);
    case 'train':
      return trainCommand(rest);
    case 'eval':
      return evalCommand(rest);
    case 'make-benchmark':
      return makeBenchmarkCommand(rest);
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

/**
 * Output redirected to a file on a full disk fails every write, and an 'error' event nobody handles
 * would kill the engine. It goes on without that output instead, saying so once on stderr: its
 * results are files, and serve's clients talk HTTP.
 */
function keepGoingWithoutStdout(): void {
  let said = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (said) return;
    said = true;
    console.error(JSON.stringify({ event: 'stdout_unwritable', error: error.code === 'ENOSPC' ? 'disk full' : error.message, consequence: 'output dropped' }));
  });
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
