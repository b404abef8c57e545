/** Engines did not become ready; the message says which and where their logs are, never the logs' lines. */
export class EngineStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineStartError';
  }
}
