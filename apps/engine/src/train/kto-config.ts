import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { additionalModules, loraModules } from './lora-modules';

/** LLaMA-Factory keys this trainer implements. */
const HONOURED = {
  stage: z.literal('kto'),
  model_name_or_path: z.string().min(1),
  dataset: z.string().min(1),
  dataset_dir: z.string().min(1),
  output_dir: z.string().min(1),
  pref_beta: z.number().positive().default(0.1),
  pref_loss: z.literal('sigmoid').default('sigmoid'),
  pref_ftx: z.number().nonnegative().default(0),
  learning_rate: z.number().positive().default(5e-5),
  num_train_epochs: z.number().positive().default(3),
  per_device_train_batch_size: z.number().int().positive().default(8),
  gradient_accumulation_steps: z.number().int().positive().default(1),
  kto_chosen_weight: z.number().nonnegative().default(1),
  kto_rejected_weight: z.number().nonnegative().default(1),
  cutoff_len: z.number().int().positive().default(2048),
  seed: z.number().int().default(42),
  logging_steps: z.number().int().positive().default(10),
  lr_scheduler_type: z.enum(['cosine', 'linear', 'constant']).default('cosine'),
  warmup_ratio: z.number().min(0).max(1).default(0),
  overwrite_output_dir: z.boolean().default(false),
  max_grad_norm: z.number().positive().default(1),
  // LLaMA-Factory's defaults: LoRA of rank 8 on every linear layer, alpha twice the rank.
  finetuning_type: z.enum(['lora', 'full']).default('lora'),
  lora_rank: z.number().int().positive().default(8),
  lora_alpha: z.number().positive().optional(),
  lora_target: z.string().min(1).default('all'),
  additional_target: z.string().min(1).optional(),
};

/**
 * Keys accepted for compatibility with production configs but without effect here: training is
 * always fp32 on the CPU, with one checkpoint at the end and no plots or reporters.
 */
const ACCEPTED_IGNORED = {
  template: z.string(),
  do_train: z.boolean(),
  bf16: z.boolean(),
  fp16: z.boolean(),
  report_to: z.string(),
  plot_loss: z.boolean(),
  save_steps: z.number().int(),
  trust_remote_code: z.boolean(),
  preprocessing_num_workers: z.number().int(),
  ddp_timeout: z.number().int(),
};

export const IGNORED_KEYS = Object.keys(ACCEPTED_IGNORED);

const KtoConfigSchema = z.object({ ...HONOURED, ...Object.fromEntries(Object.entries(ACCEPTED_IGNORED).map(([k, v]) => [k, v.optional()])) }).strict();

export type KtoConfig = z.output<z.ZodObject<typeof HONOURED>> & { ignored: string[] };

/** Reads and validates the YAML; relative paths in it resolve against the current directory. */
export function readKtoConfig(file: string): KtoConfig {
  if (!existsSync(file)) throw new Error(`config file not found: ${file}`);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid YAML (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`${file}: expected a mapping of keys`);
  const r = KtoConfigSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    if (issue.code === 'unrecognized_keys') throw new Error(`${file}: unsupported key(s): ${issue.keys.join(', ')}`);
    throw new Error(`${file}: key ${issue.path.join('.')}: ${issue.message}`);
  }
  const data = r.data as Record<string, unknown>;
  const cfg = Object.fromEntries(Object.keys(HONOURED).map((k) => [k, data[k]])) as KtoConfig;
  cfg.ignored = IGNORED_KEYS.filter((k) => k in data);
  for (const k of ['model_name_or_path', 'dataset_dir', 'output_dir'] as const) cfg[k] = path.resolve(cfg[k]);
  if (cfg.finetuning_type === 'lora') {
    try {
      loraModules(cfg.lora_target);
      additionalModules(cfg.additional_target);
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
  }
  return cfg;
}
