import { timeSlices } from './time-slices';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('timeSlices', () => {
  it('gives the event loop a turn only once a slice of work has passed', async () => {
    const pause = timeSlices(new AbortController().signal);
    let turned = false;
    setImmediate(() => (turned = true));
    await pause();
    expect(turned).toBe(false);
    busy(15);
    await pause();
    expect(turned).toBe(true);
  });

  it('throws the reason of an aborted signal at the next turn', async () => {
    const controller = new AbortController();
    const pause = timeSlices(controller.signal);
    const reason = new Error('deadline exceeded');
    controller.abort(reason);
    await pause();
    busy(15);
    await expect(pause()).rejects.toBe(reason);
  });
});
