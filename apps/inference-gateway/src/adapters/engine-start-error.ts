/** An engine instance did not become ready; the message carries the tail of its log. */
export class EngineStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineStartError';
  }
}
