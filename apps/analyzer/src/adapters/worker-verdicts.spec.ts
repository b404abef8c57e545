import { WorkerVerdicts } from './worker-verdicts';

// Two answers that are sets of 64 radicals: every member is compared with every member, seconds of CPU.
const radicals = (from: number) => `\\{${Array.from({ length: 64 }, (_, i) => `\\sqrt{${from + i}}`).join(',')}\\}`;

describe('WorkerVerdicts', () => {
  let verdicts: WorkerVerdicts;
  beforeEach(() => (verdicts = new WorkerVerdicts(16)));
  afterEach(() => verdicts.close());

  it('is ready once its worker has loaded, and decides with the cheap methods', async () => {
    await verdicts.ready();
    expect(await verdicts.decide('\\frac12', '0.5')).toEqual({ equivalent: true, method: 'symbolic' });
    expect(await verdicts.decide('red', 'blue')).toEqual({ equivalent: false, method: 'undecided' });
  }, 30_000);

  it('leaves the calling thread free while it decides a costly pair', async () => {
    await verdicts.decide('1', '1');
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const verdict = await verdicts.decide(radicals(2), radicals(3));
    clearInterval(timer);
    expect(verdict).toEqual({ equivalent: false, method: 'numeric' });
    expect(turns).toBeGreaterThan(0);
  }, 30_000);

  it('fails the decisions in flight when its worker stops, not those of the next worker', async () => {
    await verdicts.decide('1', '1');
    const inFlight = verdicts.decide(radicals(2), radicals(3));
    const closed = verdicts.close();
    const next = verdicts.decide('2', '2');
    await closed;
    await expect(inFlight).rejects.toThrow(/exited/);
    expect(await next).toEqual({ equivalent: true, method: 'exact' });
  }, 30_000);
});
