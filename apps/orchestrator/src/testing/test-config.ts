import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { repoRoot } from '@aero/testing';

/**
 * A config.yaml for a tiny but complete AERO run in `dir` (its run store in dir/runs): every size
 * small enough for a test on 2 cores, every path absolute.
 */
export function writeTestConfig(dir: string, model: { dir: string; contextLength: number }, aero: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'config.yaml');
  // A quarter of the context per answer leaves room for the question in the solver and refiner prompts.
  const answer = Math.floor(model.contextLength / 4);
  const config = {
    aero: { rounds: 2, questions_per_round: 4, sampling_n: 4, concurrency: 2, seed: 11, max_tokens: { generator: 2 * answer, solver: answer, refiner: answer, judge: 16 }, ...aero },
    runs_dir: path.join(dir, 'runs'),
    prompts: { dir: path.join(repoRoot, 'libs/prompts/templates') },
    engine: { model: model.dir, max_model_len: model.contextLength },
    training: { kto: { num_train_epochs: 1, cutoff_len: model.contextLength, per_device_train_batch_size: 2, gradient_accumulation_steps: 1, learning_rate: 0.001 } },
    evaluation: { benchmarks: [{ name: 'arithmetic', path: path.join(repoRoot, 'apps/engine/data/benchmark.jsonl') }], limit: 5, max_tokens: answer },
    services: { metrics_port: -1 },
  };
  fs.writeFileSync(file, stringify(config));
  return file;
}
