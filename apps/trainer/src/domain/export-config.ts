import type { FlatConfig } from './train-config';

/**
 * `llamafactory-cli export` config that merges the job's LoRA adapter into the base model, with the
 * training template, on the CPU (the GPUs may already serve the next round).
 */
export function exportConfig(input: { baseModel: string; adapterDir: string; exportDir: string; template: string; enableThinking: boolean }): FlatConfig {
  return {
    model_name_or_path: input.baseModel,
    adapter_name_or_path: input.adapterDir,
    template: input.template,
    enable_thinking: input.enableThinking,
    finetuning_type: 'lora',
    export_dir: input.exportDir,
    export_size: 5,
    export_device: 'cpu',
    export_legacy_format: false,
  };
}
