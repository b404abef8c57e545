/**
 * Runs `task(0) … task(count - 1)` with at most `concurrency` in flight and yields the results in
 * index order, so a stream of questions is reproducible however the engine schedules them. The
 * first failure stops new tasks and is thrown once the earlier results are out; returning early
 * (the consumer stopped reading) starts nothing more.
 */
export async function* mapOrdered<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): AsyncGenerator<T> {
  const running: Promise<T>[] = [];
  let next = 0;
  let done = 0;
  const fill = () => {
    while (next < count && next - done < concurrency) {
      const index = next++;
      const promise = task(index);
      // Failures surface when the result is awaited in order; this only stops an unhandled rejection.
      promise.catch(() => undefined);
      running[index] = promise;
    }
  };
  for (let index = 0; index < count; index++) {
    fill();
    const result = await running[index];
    delete running[index];
    done++;
    yield result;
  }
}
