/**
 * How many results past the one the consumer waits for may be started: enough that a slow task
 * does not hold the others back (no head-of-line blocking), bounded so that a consumer that stops
 * reading leaves little work behind.
 */
const AHEAD_PER_SLOT = 4;

/**
 * Runs `task(0) … task(count - 1)` with at most `concurrency` in flight and yields the results in
 * index order, so a stream of questions is reproducible however the engine schedules them. A task
 * that finishes starts the next one at once, whether or not the results before it are in, up to
 * AHEAD_PER_SLOT x concurrency results ahead of the consumer. The first failure stops new tasks and
 * is thrown once the earlier results are out; returning early (the consumer stopped reading) starts
 * nothing more.
 */
export async function* mapOrdered<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): AsyncGenerator<T> {
  const running: Promise<T>[] = [];
  const ahead = AHEAD_PER_SLOT * concurrency;
  let next = 0;
  let yielded = 0;
  let inFlight = 0;
  let stopped = false;
  const fill = () => {
    while (!stopped && next < count && inFlight < concurrency && next - yielded < ahead) {
      const index = next++;
      inFlight++;
      const promise = task(index);
      running[index] = promise;
      promise.then(
        () => {
          inFlight--;
          fill();
        },
        () => {
          inFlight--;
          stopped = true;
        },
      );
    }
  };
  try {
    for (let index = 0; index < count; index++) {
      fill();
      const result = await running[index];
      delete running[index];
      yielded++;
      yield result;
    }
  } finally {
    stopped = true;
  }
}
