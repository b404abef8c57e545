import { decideEquivalence } from './decide-equivalence';
import { LruCache } from './lru-cache';
import { prepareAnswer, type PreparedAnswer } from './prepare-answer';
import type { Verdict } from './verdict';

/** Asks the model judge; null when its reply held no usable verdict. */
export type Judge = (a: string, b: string, call: JudgeCall) => Promise<boolean | null>;

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
  cheap: Verdict;
  /** The judge's verdict, or the call in flight, once a caller allowed it. */
  judged?: Promise<Verdict>;
}

/**
 * Equivalence as the analyzer serves it: the cheap methods, then the judge only when they cannot
 * decide and both the caller and the deployment allow it. Verdicts are cached in a bounded LRU keyed
 * by the unordered pair (equivalence is symmetric); prepared answers are cached too, since clustering
 * compares the same keys many times. Concurrent callers of the same undecided pair share one judge call.
 */
export class EquivalenceChecker {
  private readonly verdicts: LruCache<string, Entry>;
  private readonly prepared: LruCache<string, PreparedAnswer>;

  constructor(
    cacheSize: number,
    private readonly judge?: Judge,
  ) {
    this.verdicts = new LruCache(cacheSize);
    this.prepared = new LruCache(cacheSize);
  }

  async check(a: string, b: string, options: JudgeCall & { allowJudge: boolean }): Promise<CheckedVerdict> {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let entry = this.verdicts.get(key);
    const hit = entry !== undefined;
    if (!entry) {
      entry = { cheap: decideEquivalence(this.prepare(a), this.prepare(b)) };
      this.verdicts.set(key, entry);
    }
    const judge = this.judge;
    if (entry.cheap.method !== 'undecided' || !options.allowJudge || !judge) return { ...entry.cheap, cached: hit, judgeCall: false };
    const ownCall = entry.judged === undefined;
    entry.judged ??= askJudge(judge, a, b, options).catch((error: unknown) => {
      // A failed call must not be remembered: the next caller tries again.
      entry.judged = undefined;
      throw error;
    });
    return { ...(await entry.judged), cached: !ownCall, judgeCall: ownCall };
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

async function askJudge(judge: Judge, a: string, b: string, call: JudgeCall): Promise<Verdict> {
  const equivalent = await judge(a, b, call);
  return equivalent === null ? { equivalent: false, method: 'undecided' } : { equivalent, method: 'judge' };
}
