import path from 'node:path';
import { createInterface } from 'node:readline';
import { readKtoConfig } from './train/kto-config';
import { trainKto } from './train/kto-trainer';
import { prestartShardWorkers } from './train/shard-executor';
import { intOption, parseArgs } from './util/parse-args';

/** What `train --standby` prints on stdout after each job it finished: it is ready for the next. */
export const STANDBY_JOB_DONE = { event: 'standby_job_done' } as const;

/**
 * `train CONFIG.yaml [--workers N]`, or `train --standby [--workers N]`: a process started before its
 * jobs, which loads its code and worker threads once and then trains one job per stdin line,
 * `{"config": "CONFIG.yaml", "cwd": "/job/folder"}`, exactly as `train CONFIG.yaml` started in that
 * folder would; after each it prints STANDBY_JOB_DONE. A job that fails ends the process as it would
 * end `train CONFIG.yaml`; stdin closing ends it quietly.
 */
export async function trainCommand(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['workers'], ['standby']);
  const workers = intOption(args, 'workers', 2);
  if (!args.options.has('standby')) {
    if (args.positional.length !== 1) throw new Error('train needs exactly one CONFIG.yaml');
    return train(args.positional[0], workers);
  }
  if (args.positional.length !== 0) throw new Error('train --standby reads its CONFIG.yaml from stdin, not from the command line');
  prestartShardWorkers(workers);
  const lines = createInterface({ input: process.stdin });
  try {
    for await (const line of lines) {
      const job = parseJob(line);
      process.chdir(job.cwd);
      await train(job.config, workers);
      console.log(JSON.stringify(STANDBY_JOB_DONE));
    }
  } finally {
    lines.close();
    process.stdin.destroy();
  }
}

async function train(config: string, workers: number): Promise<void> {
  const cfg = readKtoConfig(path.resolve(config));
  const result = await trainKto(cfg, { workers });
  console.log(JSON.stringify({ event: 'train_done', output_dir: cfg.output_dir, ...result }));
}

function parseJob(line: string): { config: string; cwd: string } {
  let job: unknown;
  try {
    job = JSON.parse(line);
  } catch {
    throw new Error(`train --standby: each stdin line must be JSON {"config": ..., "cwd": ...}, got ${JSON.stringify(line.slice(0, 200))}`);
  }
  const { config, cwd } = (typeof job === 'object' && job !== null ? job : {}) as Record<string, unknown>;
  if (typeof config !== 'string' || config === '') throw new Error('train --standby: the stdin line needs "config", the path of CONFIG.yaml');
  if (typeof cwd !== 'string' || !path.isAbsolute(cwd)) throw new Error('train --standby: the stdin line needs "cwd", an absolute folder');
  return { config, cwd };
}
