import { decideEquivalence } from './decide-equivalence';
import { LruCache } from './lru-cache';
import { prepareAnswer, type PreparedAnswer } from './prepare-answer';
import type { Verdict } from './verdict';

/**
 * The verdicts of the cheap methods (decide-equivalence.ts), with prepared answers cached in a
 * bounded LRU, since clustering compares the same keys many times.
 */
export class CheapVerdicts {
  private readonly prepared: LruCache<string, PreparedAnswer>;

  constructor(cacheSize: number) {
    this.prepared = new LruCache(cacheSize);
  }

  decide(a: string, b: string): Verdict {
    return decideEquivalence(this.prepare(a), this.prepare(b));
  }

  private prepare(answer: string): PreparedAnswer {
    let p = this.prepared.get(answer);
    if (!p) {
      p = prepareAnswer(answer);
      this.prepared.set(answer, p);
    }
    return p;
  }
}
