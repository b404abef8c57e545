import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { loadKtoDataset } from '../../../apps/engine/src/train/kto-dataset';
import type { TrainDoc } from '../../../apps/engine/src/train/sharded-model';
import { ktoFlops } from '../shared/kto-flops';

export interface KtoSettings {
  per_device_train_batch_size: number;
  gradient_accumulation_steps: number;
  num_train_epochs: number;
  cutoff_len: number;
}

/**
 * FLOPs of the embedded trainer's KTO job on a dataset, from the dataset itself: every example's
 * tokens under the model's character tokenizer, in steps of the job's batch, each step counted as
 * the engine bench counts one (four forwards and a backward, attention included). The trainer
 * shuffles before it batches, which changes only which completion each mismatched KL pair gets, so
 * the matmul FLOPs are exact and the attention FLOPs nearly so.
 */
export function trainingFlops(model: string, datasetDir: string, dataset: string, kto: KtoSettings): { flops: number; examples: number; tokens: number } {
  const { cfg, tokenizer } = loadCheckpoint(model);
  const cutoff = Math.min(kto.cutoff_len, cfg.contextLength);
  const docs: TrainDoc[] = loadKtoDataset(datasetDir, dataset).map((e) => {
    const prompt = tokenizer.encode(e.prompt);
    return { tokens: [...prompt, ...tokenizer.encode(e.completion), tokenizer.eos].slice(0, cutoff), lossFrom: prompt.length };
  });
  const batch = kto.per_device_train_batch_size * kto.gradient_accumulation_steps;
  let epoch = 0;
  for (let at = 0; at < docs.length; at += batch) epoch += ktoFlops(cfg, docs.slice(at, at + batch));
  const tokens = docs.reduce((sum, d) => sum + d.tokens.length - 1, 0);
  return { flops: epoch * kto.num_train_epochs, examples: docs.length, tokens };
}
