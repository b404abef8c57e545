const SAME_NAME = new Set(['prompt', 'n', 'temperature', 'top_p', 'max_tokens', 'seed', 'stop']);

/**
 * The GenerateRequest field an engine's 400 blames, from the OpenAI error's `param`
 * ("messages.0.content" -> "messages", "max_completion_tokens" -> "max_tokens"); "(request)" when
 * the engine names none (older vLLM) or a field the gateway does not expose.
 */
export function requestFieldOf(param: string | null | undefined): string {
  if (!param) return '(request)';
  const head = param.split(/[.[]/)[0];
  if (head === 'messages') return 'messages';
  if (head === 'max_completion_tokens') return 'max_tokens';
  return SAME_NAME.has(head) ? head : '(request)';
}
