/** The wait queue is at its bound; the request is refused instead of waiting. */
export class QueueFullError extends Error {
  constructor(readonly limit: number) {
    super(`the gateway queue is full (${limit} requests waiting)`);
    this.name = 'QueueFullError';
  }
}
