import { loadCheckpoint } from '../checkpoint/checkpoint';
import { Decoder } from '../model/decoder';
import { GenerationRequest } from '../sample/generate';
import { writeTinyCheckpoint } from '../testing/write-tiny-checkpoint';
import { BatchScheduler, RequestAbortedError } from './batch-scheduler';
import { EngineMetrics } from './engine-metrics';

describe('BatchScheduler', () => {
  const ck = loadCheckpoint(writeTinyCheckpoint(17, { contextLength: 512 }));
  const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({
    prompt: ck.tokenizer.encode('Solve 1+1\n'), n: 8, temperature: 1, topP: 1, maxTokens: 400, stop: [], seed: 1, ignoreEos: true, ...over,
  });
  const value = async (metrics: EngineMetrics, name: string, reason?: string): Promise<number> => {
    const m = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
    return m.filter((v) => reason === undefined || v.labels.finished_reason === reason).reduce((s, v) => s + v.value, 0);
  };

  it('drops a queued request the moment its client aborts, without decoding any of it', async () => {
    const metrics = new EngineMetrics();
    const scheduler = new BatchScheduler(new Decoder(ck.cfg, ck.params), ck.tokenizer, metrics, 8);
    const events: string[] = [];
    const running = scheduler.submit([req()]).then(() => events.push('first done'));
    const client = new AbortController();
    const queued = scheduler.submit([req({ n: 4, seed: 2 })], client.signal).catch((e: Error) => events.push(e instanceof RequestAbortedError ? 'second aborted' : e.message));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await value(metrics, 'vllm:num_requests_waiting')).toBe(1);
    client.abort();
    await Promise.all([running, queued]);
    expect(events).toEqual(['second aborted', 'first done']);
    expect(await value(metrics, 'vllm:request_success_total', 'abort')).toBe(4);
    expect(await value(metrics, 'vllm:request_success_total', 'length')).toBe(8);
    expect(await value(metrics, 'vllm:generation_tokens_total')).toBe(8 * 400);
    expect(await value(metrics, 'vllm:num_requests_waiting')).toBe(0);
  });

  it('queues requests while the batch is full and answers each with what its seed draws alone', async () => {
    const metrics = new EngineMetrics();
    const scheduler = new BatchScheduler(new Decoder(ck.cfg, ck.params), ck.tokenizer, metrics, 8);
    const first = scheduler.submit([req({ maxTokens: 50 })]);
    const later = [scheduler.submit([req({ n: 2, maxTokens: 5, seed: 3 })]), scheduler.submit([req({ n: 3, maxTokens: 5, seed: 4 })])];
    await new Promise((resolve) => setImmediate(resolve));
    expect(await value(metrics, 'vllm:num_requests_waiting')).toBe(2);
    const [a, b, c] = await Promise.all([first, ...later]);
    expect([a[0].length, b[0].length, c[0].length]).toEqual([8, 2, 3]);
    // Each request's samples are those it gets alone: batching does not change what a seed draws.
    const alone = await new BatchScheduler(new Decoder(ck.cfg, ck.params), ck.tokenizer, new EngineMetrics()).submit([req({ n: 3, maxTokens: 5, seed: 4 })]);
    expect(c).toEqual(alone);
  });

  it('lets a request join the decoding batch at its next step, so a short one finishes before a long one', async () => {
    const metrics = new EngineMetrics();
    const scheduler = new BatchScheduler(new Decoder(ck.cfg, ck.params), ck.tokenizer, metrics);
    const events: string[] = [];
    const long = scheduler.submit([req()]).then(() => events.push('long done'));
    await new Promise((resolve) => setImmediate(resolve)); // the long request is decoding now
    expect(await value(metrics, 'vllm:num_requests_running')).toBe(1);
    const short = scheduler.submit([req({ n: 2, maxTokens: 5, seed: 3 })]).then((out) => {
      events.push('short done');
      return out;
    });
    const [, [shortOut]] = await Promise.all([long, short]);
    expect(events).toEqual(['short done', 'long done']);
    const alone = await new BatchScheduler(new Decoder(ck.cfg, ck.params), ck.tokenizer, new EngineMetrics()).submit([req({ n: 2, maxTokens: 5, seed: 3 })]);
    expect([shortOut]).toEqual(alone);
    expect(await value(metrics, 'vllm:num_requests_running')).toBe(0);
  });

  it('retires once the requests it has are done: stops its decoder then, and takes no new request', async () => {
    const decoder = new Decoder(ck.cfg, ck.params, { threads: 2 });
    const close = jest.spyOn(decoder, 'close');
    const scheduler = new BatchScheduler(decoder, ck.tokenizer, new EngineMetrics());
    const events: string[] = [];
    const running = scheduler.submit([req({ maxTokens: 50 })]).then(() => events.push('request done'));
    const retired = scheduler.retire().then(() => events.push('retired'));
    await expect(scheduler.submit([req()])).rejects.toThrow('this scheduler was retired');
    await Promise.all([running, retired]);
    expect(events).toEqual(['request done', 'retired']);
    expect(close).toHaveBeenCalledTimes(1);
    const idle = new Decoder(ck.cfg, ck.params);
    const closeIdle = jest.spyOn(idle, 'close');
    await new BatchScheduler(idle, ck.tokenizer, new EngineMetrics()).retire();
    expect(closeIdle).toHaveBeenCalledTimes(1);
  });

  it('refuses a batch with a prompt that does not fit before decoding any of it', async () => {
    const metrics = new EngineMetrics();
    const scheduler = new BatchScheduler(new Decoder(ck.cfg, ck.params), ck.tokenizer, metrics);
    await expect(scheduler.submit([req(), req({ prompt: new Array(600).fill(5) })])).rejects.toThrow('does not fit the context of 512');
    expect(await value(metrics, 'vllm:num_requests_waiting')).toBe(0);
    expect(await value(metrics, 'vllm:num_requests_running')).toBe(0);
  });
});
