import type { AeroConfig } from '@aero/config';
import type { KtoHyperparameters } from '@aero/contracts';

/** The KTO hyperparameters of one job: the configured training.kto, the request's overrides on top. */
export type KtoSettings = AeroConfig['training']['kto'] & { seed: number };

/** Unset request fields fall back to the configuration; the handler has checked the set ones' ranges. */
export function ktoSettings(configured: AeroConfig['training']['kto'], seed: number, overrides: KtoHyperparameters | undefined): KtoSettings {
  const o = overrides ?? {};
  return {
    ...configured,
    pref_beta: o.pref_beta ?? configured.pref_beta,
    pref_ftx: o.pref_ftx ?? configured.pref_ftx,
    learning_rate: o.learning_rate ?? configured.learning_rate,
    num_train_epochs: o.num_train_epochs ?? configured.num_train_epochs,
    per_device_train_batch_size: o.per_device_train_batch_size ?? configured.per_device_train_batch_size,
    gradient_accumulation_steps: o.gradient_accumulation_steps ?? configured.gradient_accumulation_steps,
    cutoff_len: o.cutoff_len ?? configured.cutoff_len,
    lora_rank: o.lora_rank ?? configured.lora_rank,
    kto_chosen_weight: o.kto_chosen_weight ?? configured.kto_chosen_weight,
    kto_rejected_weight: o.kto_rejected_weight ?? configured.kto_rejected_weight,
    warmup_ratio: o.warmup_ratio ?? configured.warmup_ratio,
    finetuning_type: (o.finetuning_type as typeof configured.finetuning_type | undefined) ?? configured.finetuning_type,
    lora_alpha: o.lora_alpha ?? configured.lora_alpha,
    lora_target: o.lora_target ?? configured.lora_target,
    lr_scheduler_type: (o.lr_scheduler_type as typeof configured.lr_scheduler_type | undefined) ?? configured.lr_scheduler_type,
    logging_steps: o.logging_steps ?? configured.logging_steps,
    bf16: o.bf16 ?? configured.bf16,
    additional_target: o.additional_target ?? configured.additional_target,
    seed: o.seed ?? seed,
  };
}
