import { CheapVerdicts } from './cheap-verdicts';
import { EquivalenceChecker, type DecideCheaply, type Judge } from './equivalence-checker';
import type { Verdict } from './verdict';

const noJudge = { allowJudge: false };
const withJudge = { allowJudge: true };

/** The cheap verdicts computed in this thread, as the service's worker computes them. */
function here(cacheSize: number): DecideCheaply {
  const cheap = new CheapVerdicts(cacheSize);
  return async (a, b) => cheap.decide(a, b);
}

/** A judge that records its calls and answers from a table (null: no usable reply). */
function scriptedJudge(answers: Record<string, boolean | null>) {
  const calls: string[] = [];
  const judge: Judge = async (a, b) => {
    calls.push(`${a}|${b}`);
    return answers[`${a}|${b}`] ?? null;
  };
  return { judge, calls };
}

describe('EquivalenceChecker', () => {
  it('caches verdicts for the unordered pair', async () => {
    const checker = new EquivalenceChecker(16, here(16));
    expect(await checker.check('\\frac12', '0.5', noJudge)).toEqual({ equivalent: true, method: 'symbolic', cached: false, judgeCall: false });
    expect(await checker.check('\\frac12', '0.5', noJudge)).toMatchObject({ equivalent: true, method: 'symbolic', cached: true });
    expect(await checker.check('0.5', '\\frac12', noJudge)).toMatchObject({ cached: true });
  });

  it('is bounded: the least recently used verdict is recomputed', async () => {
    const checker = new EquivalenceChecker(2, here(2));
    await checker.check('1', '2', noJudge);
    await checker.check('1', '3', noJudge);
    await checker.check('1', '4', noJudge);
    expect((await checker.check('1', '2', noJudge)).cached).toBe(false);
  });

  it('asks the judge only for undecided pairs, and only when allowed', async () => {
    const { judge, calls } = scriptedJudge({ 'Monday|the day after Sunday': true });
    const checker = new EquivalenceChecker(16, here(16), judge);
    expect(await checker.check('Monday', 'the day after Sunday', noJudge)).toMatchObject({ equivalent: false, method: 'undecided' });
    expect(calls).toEqual([]);
    expect(await checker.check('3', '4', withJudge)).toMatchObject({ equivalent: false, method: 'symbolic', judgeCall: false });
    expect(calls).toEqual([]);
    expect(await checker.check('Monday', 'the day after Sunday', withJudge)).toEqual({ equivalent: true, method: 'judge', cached: false, judgeCall: true });
    expect(calls).toEqual(['Monday|the day after Sunday']);
  });

  it('caches the judge verdict and shares one call between concurrent callers', async () => {
    const { judge, calls } = scriptedJudge({ 'red|blue': false });
    const checker = new EquivalenceChecker(16, here(16), judge);
    const [first, second] = await Promise.all([checker.check('red', 'blue', withJudge), checker.check('blue', 'red', withJudge)]);
    expect(calls).toHaveLength(1);
    expect([first.judgeCall, second.judgeCall].sort()).toEqual([false, true]);
    expect(await checker.check('red', 'blue', withJudge)).toEqual({ equivalent: false, method: 'judge', cached: true, judgeCall: false });
    expect(calls).toHaveLength(1);
  });

  it('keeps the cheap verdict for callers that do not allow the judge, even after it ran', async () => {
    const { judge } = scriptedJudge({ 'red|crimson': true });
    const checker = new EquivalenceChecker(16, here(16), judge);
    await checker.check('red', 'crimson', withJudge);
    expect(await checker.check('red', 'crimson', noJudge)).toMatchObject({ equivalent: false, method: 'undecided' });
  });

  it('answers undecided when the judge reply holds no verdict', async () => {
    const { judge } = scriptedJudge({});
    const checker = new EquivalenceChecker(16, here(16), judge);
    expect(await checker.check('red', 'crimson', withJudge)).toMatchObject({ equivalent: false, method: 'undecided', judgeCall: true });
  });

  it('passes a judge failure on and tries again on the next call', async () => {
    let fail = true;
    const judge: Judge = async () => {
      if (fail) throw new Error('gateway down');
      return true;
    };
    const checker = new EquivalenceChecker(16, here(16), judge);
    await expect(checker.check('red', 'crimson', withJudge)).rejects.toThrow('gateway down');
    fail = false;
    expect(await checker.check('red', 'crimson', withJudge)).toMatchObject({ equivalent: true, method: 'judge' });
  });

  it('passes the call context to the judge', async () => {
    const seen: unknown[] = [];
    const checker = new EquivalenceChecker(16, here(16), async (_a, _b, call) => {
      seen.push(call);
      return true;
    });
    const signal = new AbortController().signal;
    const deadline = new Date(Date.now() + 1000);
    await checker.check('red', 'crimson', { allowJudge: true, signal, deadline });
    expect(seen).toEqual([expect.objectContaining({ signal, deadline })]);
  });

  it('takes its cheap verdicts from `decide`, and does not remember a failed decision', async () => {
    const decide = jest.fn<Promise<Verdict>, [string, string]>().mockRejectedValueOnce(new Error('worker died')).mockResolvedValue({ equivalent: true, method: 'numeric' });
    const checker = new EquivalenceChecker(16, decide);
    await expect(checker.check('x', 'y', noJudge)).rejects.toThrow('worker died');
    expect(await checker.check('x', 'y', noJudge)).toEqual({ equivalent: true, method: 'numeric', cached: false, judgeCall: false });
    expect(decide).toHaveBeenCalledTimes(2);
  });
});
