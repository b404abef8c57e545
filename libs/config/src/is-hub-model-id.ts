const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$/;

/** A Hugging Face Hub model id such as "Qwen/Qwen3-8B-Base", which vLLM and LLaMA-Factory load by name. */
export function isHubModelId(value: string): boolean {
  return HUB_ID.test(value) && !value.includes('..');
}
