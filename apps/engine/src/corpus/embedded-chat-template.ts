/**
 * The embedded engine's chat template: the message contents concatenated in order, nothing added.
 * The embedded prompt templates already carry their own separators, so a single user message
 * renders to exactly the prompt string the model was pretrained on; serving and KTO both use this.
 */
export function applyChatTemplate(messages: readonly { content: string }[]): string {
  return messages.map((m) => m.content).join('');
}
