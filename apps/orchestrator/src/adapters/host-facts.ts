import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostFacts } from '../domain/preflight-problems';

/** This host as the preflight sees it, through `env` (PATH, CUDA_VISIBLE_DEVICES is left to the engines). */
export async function hostFacts(env: NodeJS.ProcessEnv = process.env): Promise<HostFacts> {
  const runnable = (executable: string): boolean => {
    const candidates = executable.includes('/') ? [executable] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, executable));
    return candidates.some((file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    });
  };
  return { runnable, gpus: runnable('nvidia-smi') ? await listedGpus(env) : { error: 'nvidia-smi is not on PATH' } };
}

async function listedGpus(env: NodeJS.ProcessEnv): Promise<number | { error: string }> {
  // execa is ESM-only: this CommonJS module loads it with import().
  const { execa } = await import('execa');
  const listed = await execa('nvidia-smi', ['-L'], { env, extendEnv: false, reject: false, timeout: 15_000 });
  if (listed.exitCode !== 0) return { error: `nvidia-smi -L failed: ${(listed.stderr || listed.stdout).split('\n')[0]}` };
  return listed.stdout.split('\n').filter((line) => line.startsWith('GPU ')).length;
}
