/**
 * The chat templates AERO can serve and train with, by the name config selects (engine.chat_template):
 * what LLaMA-Factory calls the template, the tokens that end an assistant turn (sent to vLLM as stop
 * token ids, because a -Base checkpoint's own end of text is not the chat template's), and whether
 * the template has Qwen3's thinking switch. vLLM renders the checkpoint's own Jinja template; the
 * LLaMA-Factory template named here renders the same text (for qwen3 only when both sides get the
 * same enable_thinking: `qwen3_nothink` omits the empty think block that Qwen3's Jinja template adds).
 */
export const CHAT_TEMPLATES = {
  /** The embedded engine: message contents concatenated, nothing added (LLaMA-Factory's `empty`). */
  embedded: { llamafactory: 'empty', stopTokens: [], thinkingSwitch: false },
  /** Qwen3 and Qwen3-Base checkpoints (ChatML with an optional think block). */
  qwen3: { llamafactory: 'qwen3', stopTokens: ['<|im_end|>'], thinkingSwitch: true },
  /** Qwen3 checkpoints that never think (the Instruct-2507 releases): ChatML without a think block. */
  qwen3_nothink: { llamafactory: 'qwen3_nothink', stopTokens: ['<|im_end|>'], thinkingSwitch: false },
} as const satisfies Record<string, { llamafactory: string; stopTokens: readonly string[]; thinkingSwitch: boolean }>;

export type ChatTemplateName = keyof typeof CHAT_TEMPLATES;

export const CHAT_TEMPLATE_NAMES = Object.keys(CHAT_TEMPLATES) as [ChatTemplateName, ...ChatTemplateName[]];
