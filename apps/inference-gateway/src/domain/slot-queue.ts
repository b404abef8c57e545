import { pickInstance } from './pick-instance';
import { QueueFullError } from './queue-full-error';

export interface SlotQueueOptions {
  /** Requests in flight per instance. */
  capacity: number;
  /** New requests allowed to wait; more are refused with QueueFullError. Retries always wait. */
  maxQueue: number;
  /** Ids of the instances currently in routing. */
  readyIds: () => readonly string[];
}

interface Waiter {
  avoid: ReadonlySet<string>;
  resolve: (id: string) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

/**
 * Admission and routing of engine requests: hands out instance slots least-outstanding first,
 * keeps the rest waiting in arrival order (retries ahead of new requests) up to a bound, and owns
 * the outstanding count of every instance. No I/O: callers report readiness changes with wake().
 */
export class SlotQueue {
  private readonly outstanding = new Map<string, number>();
  private readonly lastRouted = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private sequence = 0;

  constructor(private readonly options: SlotQueueOptions) {}

  /** Requests waiting for a slot. */
  get depth(): number {
    return this.waiters.length;
  }

  outstandingOf(id: string): number {
    return this.outstanding.get(id) ?? 0;
  }

  /**
   * Resolves to the id of the instance the request may use (its slot is taken); the caller must
   * release(id) once the engine answered. Rejects with the signal's reason when it aborts first.
   */
  acquire(signal: AbortSignal, options: { avoid?: ReadonlySet<string>; retry?: boolean } = {}): Promise<string> {
    const avoid = options.avoid ?? new Set<string>();
    if (signal.aborted) return Promise.reject(signal.reason);
    const waitingNew = this.waiters.length;
    if (waitingNew === 0 || options.retry) {
      const id = this.pick(avoid);
      if (id !== undefined) return Promise.resolve(this.take(id));
    }
    if (!options.retry && waitingNew >= this.options.maxQueue) {
      return Promise.reject(new QueueFullError(this.options.maxQueue));
    }
    return new Promise<string>((resolve, reject) => {
      const waiter: Waiter = {
        avoid,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.remove(waiter);
          reject(signal.reason);
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      if (options.retry) this.waiters.unshift(waiter);
      else this.waiters.push(waiter);
    });
  }

  /** Gives the slot back and hands free slots to waiters. */
  release(id: string): void {
    const n = this.outstandingOf(id);
    if (n <= 0) throw new Error(`release of ${id} without a matching acquire`);
    this.outstanding.set(id, n - 1);
    this.wake();
  }

  /** Re-routes waiters after instances became ready (or released slots). */
  wake(): void {
    for (let i = 0; i < this.waiters.length; ) {
      const waiter = this.waiters[i];
      const id = this.pick(waiter.avoid);
      if (id === undefined) {
        i++;
        continue;
      }
      this.remove(waiter);
      waiter.resolve(this.take(id));
    }
  }

  /** Turns every waiting request away with `reason`: no instance is coming to serve them. */
  rejectWaiting(reason: unknown): void {
    for (const waiter of [...this.waiters]) {
      this.remove(waiter);
      waiter.reject(reason);
    }
  }

  private pick(avoid: ReadonlySet<string>): string | undefined {
    const candidates = this.options.readyIds().map((id) => ({
      id,
      outstanding: this.outstandingOf(id),
      lastRouted: this.lastRouted.get(id) ?? 0,
    }));
    return pickInstance(candidates, this.options.capacity, avoid);
  }

  private take(id: string): string {
    this.outstanding.set(id, this.outstandingOf(id) + 1);
    this.lastRouted.set(id, ++this.sequence);
    return id;
  }

  private remove(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at >= 0) this.waiters.splice(at, 1);
    waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
