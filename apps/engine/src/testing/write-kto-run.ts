import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

export interface KtoRecordSpec {
  prompt: string;
  completion: string;
  label: boolean;
}

/** A run folder the way the AERO trainer service writes one: dataset_info.json, data file, config. */
export function writeKtoRun(modelDir: string, records: KtoRecordSpec[], overrides: Record<string, unknown> = {}): { dir: string; config: string; outputDir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'engine-kto-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  writeFileSync(path.join(dataDir, 'dataset_info.json'), JSON.stringify({
    aero_kto: {
      file_name: 'train.jsonl', formatting: 'sharegpt', columns: { messages: 'messages', kto_tag: 'label' },
      tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
    },
  }));
  writeFileSync(path.join(dataDir, 'train.jsonl'), records.map((r) => JSON.stringify({
    messages: [{ role: 'user', content: r.prompt }, { role: 'assistant', content: r.completion }], label: r.label,
  })).join('\n') + '\n');
  const outputDir = path.join(dir, 'out');
  const config = path.join(dir, 'kto.yaml');
  writeFileSync(config, YAML.stringify({
    stage: 'kto', do_train: true, model_name_or_path: modelDir, dataset: 'aero_kto', dataset_dir: dataDir, template: 'empty',
    finetuning_type: 'lora', lora_rank: 8, lora_target: 'all', output_dir: outputDir, overwrite_output_dir: false,
    per_device_train_batch_size: 2, gradient_accumulation_steps: 2, learning_rate: 1e-3, num_train_epochs: 1,
    lr_scheduler_type: 'cosine', warmup_ratio: 0, pref_beta: 0.1, kto_chosen_weight: 1, kto_rejected_weight: 1,
    cutoff_len: 128, seed: 3, logging_steps: 1, bf16: true, report_to: 'none', plot_loss: false, save_steps: 100,
    ...overrides,
  }));
  return { dir, config, outputDir };
}
