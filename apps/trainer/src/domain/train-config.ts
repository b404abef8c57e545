import type { KtoSettings } from './kto-settings';

export interface TrainConfigInput {
  /** The model to start from; with LoRA it is also the frozen KTO reference (adapters disabled). */
  baseModel: string;
  dataset: string;
  datasetDir: string;
  outputDir: string;
  /** LLaMA-Factory's name of the chat template the model is served with. */
  template: string;
  /** Qwen3's thinking switch, as served; undefined writes no key (the embedded engine has none). */
  enableThinking?: boolean;
  settings: KtoSettings;
  /** DeepSpeed config file, llamafactory only; omitted when undefined. */
  deepspeed?: string;
  /** Hugging Face Trainer's report_to (training.llamafactory.report_to); the embedded engine reports nowhere. */
  reportTo: string;
}

/** A flat LLaMA-Factory config: key order is the order written. */
export type FlatConfig = Record<string, string | number | boolean>;

/**
 * `llamafactory-cli train` config for KTO, with LoRA or on every parameter (LLaMA-Factory's own key
 * names; the embedded engine's `train` reads the same file). The output directory belongs to this
 * job alone, so overwrite_output_dir only ever replaces a previous attempt of the same job.
 */
export function trainConfig(input: TrainConfigInput): FlatConfig {
  const s = input.settings;
  const config: FlatConfig = {
    model_name_or_path: input.baseModel,
    stage: 'kto',
    do_train: true,
    finetuning_type: s.finetuning_type,
    ...(s.finetuning_type === 'lora' && {
      lora_rank: s.lora_rank,
      ...(s.lora_alpha !== undefined && { lora_alpha: s.lora_alpha }),
      lora_target: s.lora_target,
      ...(s.additional_target !== undefined && { additional_target: s.additional_target }),
    }),
    pref_beta: s.pref_beta,
    pref_ftx: s.pref_ftx,
    pref_loss: 'sigmoid',
    kto_chosen_weight: s.kto_chosen_weight,
    kto_rejected_weight: s.kto_rejected_weight,
    dataset: input.dataset,
    dataset_dir: input.datasetDir,
    template: input.template,
    ...(input.enableThinking !== undefined && { enable_thinking: input.enableThinking }),
    cutoff_len: s.cutoff_len,
    output_dir: input.outputDir,
    overwrite_output_dir: true,
    logging_steps: s.logging_steps,
    report_to: input.reportTo,
    per_device_train_batch_size: s.per_device_train_batch_size,
    gradient_accumulation_steps: s.gradient_accumulation_steps,
    learning_rate: s.learning_rate,
    num_train_epochs: s.num_train_epochs,
    lr_scheduler_type: s.lr_scheduler_type,
    warmup_ratio: s.warmup_ratio,
    bf16: s.bf16,
    ddp_timeout: 180000000,
    seed: s.seed,
  };
  if (input.deepspeed) config.deepspeed = input.deepspeed;
  return config;
}
