import { LruCache } from './lru-cache';
import type { Verdict } from './verdict';

/** Asks the model judge; null when its reply held no usable verdict. */
export type Judge = (a: string, b: string, call: JudgeCall) => Promise<boolean | null>;

/** The verdict of the cheap methods (cheap-verdicts.ts), wherever they run. */
export type DecideCheaply = (a: string, b: string) => Promise<Verdict>;

/** Cancellation and deadline of the RPC the judge call serves. */
export interface JudgeCall {
  signal?: AbortSignal;
  deadline?: Date;
}

export interface CheckedVerdict extends Verdict {
  /** The verdict came from the cache (no method ran for this call). */
  cached: boolean;
  /** This call sent a request to the judge. */
  judgeCall: boolean;
}

interface Entry {
  /** The cheap verdict, or the decision in flight. */
  cheap: Promise<Verdict>;
  /** The judge's verdict, or the call in flight, once a caller allowed it. */
  judged?: Promise<Verdict>;
}

/**
 * Equivalence as the analyzer serves it: the cheap methods, then the judge only when they cannot
 * decide and both the caller and the deployment allow it. Verdicts are cached in a bounded LRU keyed
 * by the unordered pair (equivalence is symmetric). Concurrent callers of the same pair share one
 * decision and one judge call. The cheap methods run in this thread unless `decide` runs them elsewhere.
 */
export class EquivalenceChecker {
  private readonly verdicts: LruCache<string, Entry>;

  /**
   * `decide` gives the cheap verdicts: the service runs them in its worker thread, so that mathjs
   * (about a second to load) loads there only and not on the thread that answers RPCs.
   */
  constructor(
    cacheSize: number,
    private readonly decide: DecideCheaply,
    private readonly judge?: Judge,
  ) {
    this.verdicts = new LruCache(cacheSize);
  }

  async check(a: string, b: string, options: JudgeCall & { allowJudge: boolean }): Promise<CheckedVerdict> {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let entry = this.verdicts.get(key);
    const hit = entry !== undefined;
    if (!entry) {
      entry = { cheap: this.decide(a, b) };
      this.verdicts.set(key, entry);
    }
    let cheap: Verdict;
    try {
      cheap = await entry.cheap;
    } catch (error) {
      // A failed decision must not be remembered: the next caller tries again.
      this.verdicts.delete(key);
      throw error;
    }
    const judge = this.judge;
    if (cheap.method !== 'undecided' || !options.allowJudge || !judge) return { ...cheap, cached: hit, judgeCall: false };
    const ownCall = entry.judged === undefined;
    entry.judged ??= askJudge(judge, a, b, options).catch((error: unknown) => {
      // A failed call must not be remembered: the next caller tries again.
      entry.judged = undefined;
      throw error;
    });
    return { ...(await entry.judged), cached: !ownCall, judgeCall: ownCall };
  }
}

async function askJudge(judge: Judge, a: string, b: string, call: JudgeCall): Promise<Verdict> {
  const equivalent = await judge(a, b, call);
  return equivalent === null ? { equivalent: false, method: 'undecided' } : { equivalent, method: 'judge' };
}
