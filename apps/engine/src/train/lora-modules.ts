/** The linear layers of a block, by the names of the parameter layout (GPT-2's c_attn, c_proj, c_fc, mlp.c_proj). */
export const LORA_MODULES = ['qkv', 'proj', 'fc', 'fcproj'] as const;
export type LoraModule = (typeof LORA_MODULES)[number];

/** The tensors outside the blocks' linear layers that additional_target may name. */
export const ADDITIONAL_MODULES = ['wte', 'wpe', 'lnf'] as const;
export type AdditionalModule = (typeof ADDITIONAL_MODULES)[number];

/**
 * Reads LLaMA-Factory's `lora_target`: `all` (every linear layer but the LM head, which here is tied
 * to the embeddings) or a comma-separated list of module names.
 */
export function loraModules(target: string): LoraModule[] {
  return target.trim() === 'all' ? [...LORA_MODULES] : moduleNames('lora_target', target, LORA_MODULES, 'all or a comma-separated list of');
}

/** Reads LLaMA-Factory's `additional_target`: comma-separated names of tensors trained whole. */
export function additionalModules(target: string | undefined): AdditionalModule[] {
  return target === undefined ? [] : moduleNames('additional_target', target, ADDITIONAL_MODULES, 'a comma-separated list of');
}

function moduleNames<T extends string>(key: string, target: string, allowed: readonly T[], use: string): T[] {
  const names = target.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(allowed as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`key ${key}: unknown module(s) ${JSON.stringify(unknown.length > 0 ? unknown.join(',') : target)}; use ${use} ${allowed.join(', ')}`);
  }
  return [...new Set(names as T[])];
}
