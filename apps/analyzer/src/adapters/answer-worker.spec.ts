import { extractAnswer } from '@aero/answer';
import { AnswerWorker } from './answer-worker';

// Two answers that are sets of 64 radicals: every member is compared with every member, seconds of CPU.
const radicals = (from: number) => `\\{${Array.from({ length: 64 }, (_, i) => `\\sqrt{${from + i}}`).join(',')}\\}`;
// A megabyte of boxes, read leniently: a tenth of a second or more in one step.
const boxes = '\\boxed{1}, '.repeat(90_909);

/** How many turns a 1 ms interval gets on this thread while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  const timer = setInterval(() => turns++, 1);
  await work();
  clearInterval(timer);
  return turns;
}

describe('AnswerWorker', () => {
  let worker: AnswerWorker;
  beforeEach(() => (worker = new AnswerWorker(16)));
  afterEach(() => worker.close());

  it('is ready once its worker has loaded, and decides with the cheap methods', async () => {
    await worker.ready();
    expect(await worker.decide('\\frac12', '0.5')).toEqual({ equivalent: true, method: 'symbolic' });
    expect(await worker.decide('red', 'blue')).toEqual({ equivalent: false, method: 'undecided' });
  }, 30_000);

  it('leaves the calling thread free while it decides a costly pair', async () => {
    await worker.decide('1', '1');
    let verdict;
    expect(await turnsDuring(async () => (verdict = await worker.decide(radicals(2), radicals(3))))).toBeGreaterThan(0);
    expect(verdict).toEqual({ equivalent: false, method: 'numeric' });
  }, 30_000);

  it('reads a long text in the worker, leaving the calling thread free, and a short one as extractAnswer does', async () => {
    await worker.ready();
    let extraction;
    expect(await turnsDuring(async () => (extraction = await worker.extract(boxes, 'lenient')))).toBeGreaterThan(0);
    expect(extraction).toEqual(extractAnswer(boxes, 'lenient'));
    expect(await worker.extract('so \\boxed{5}', 'strict')).toEqual({ found: true, answer: '5' });
  }, 30_000);

  it('fails the requests in flight when its worker stops, not those of the next worker', async () => {
    await worker.decide('1', '1');
    const inFlight = worker.decide(radicals(2), radicals(3));
    const closed = worker.close();
    const next = worker.decide('2', '2');
    await closed;
    await expect(inFlight).rejects.toThrow(/exited/);
    expect(await next).toEqual({ equivalent: true, method: 'exact' });
  }, 30_000);
});
