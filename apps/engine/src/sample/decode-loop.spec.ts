import { loadCheckpoint } from '../checkpoint/checkpoint';
import { Decoder } from '../model/decoder';
import { writeTinyCheckpoint } from '../testing/write-tiny-checkpoint';
import { DecodeLoop } from './decode-loop';
import { generate, GenerationRequest } from './generate';

describe('DecodeLoop', () => {
  const ck = loadCheckpoint(writeTinyCheckpoint(23));
  const tok = ck.tokenizer;
  const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({
    prompt: tok.encode('Solve 3*4\n'), n: 4, temperature: 1, topP: 1, maxTokens: 12, stop: [], seed: 1, ignoreEos: true, ...over,
  });
  const alone = async (r: GenerationRequest) => (await generate(new Decoder(ck.cfg, ck.params), tok, [r]))[0];

  it('runs more samples than it has slots by reusing freed slots, in arrival order, each as its seed draws alone', async () => {
    const queue: number[] = [];
    const loop = new DecodeLoop(new Decoder(ck.cfg, ck.params), tok, 4, 8, (waiting) => queue.push(waiting));
    const reqs = [req({ seed: 1 }), req({ seed: 2, maxTokens: 3 }), req({ seed: 3, n: 2, prompt: tok.encode('S') })];
    const order: number[] = [];
    const out = await Promise.all(reqs.map((r, i) => loop.add(r).then((s) => {
      order.push(i);
      return s;
    })));
    expect(order).toEqual([0, 1, 2]);
    expect(Math.max(...queue)).toBe(3);
    expect(queue[queue.length - 1]).toBe(0);
    for (let i = 0; i < reqs.length; i++) expect(out[i]).toEqual(await alone(reqs[i]));
    expect(out[2].map((s) => s.tokens)).toEqual([12, 12]); // a one-token prompt needs no prefill
  });

  it('answers a request that aborts while it waits at once, with empty samples, and decodes none of it', async () => {
    const loop = new DecodeLoop(new Decoder(ck.cfg, ck.params), tok, 4);
    const client = new AbortController();
    const first = loop.add(req());
    const waiting = loop.add(req({ n: 3, signal: client.signal }));
    const events: string[] = [];
    void first.then(() => events.push('first'));
    void waiting.then(() => events.push('waiting'));
    client.abort();
    expect(await waiting).toEqual(Array.from({ length: 3 }, () => ({ text: '', tokens: 0, finishReason: 'abort' })));
    await first;
    expect(events).toEqual(['waiting', 'first']);
    expect(await loop.add(req({ n: 1, signal: client.signal }))).toEqual([{ text: '', tokens: 0, finishReason: 'abort' }]);
  });

  it('listens once per signal however many waiting requests share it, and lets go once none waits', async () => {
    const loop = new DecodeLoop(new Decoder(ck.cfg, ck.params), tok, 4);
    const client = new AbortController();
    const listeners = { added: 0, removed: 0 };
    const signal = {
      get aborted() { return client.signal.aborted; },
      addEventListener: (type: string, fn: () => void, opts: { once?: boolean }) => {
        listeners.added++;
        client.signal.addEventListener(type, fn, opts);
      },
      removeEventListener: (type: string, fn: () => void) => {
        listeners.removed++;
        client.signal.removeEventListener(type, fn);
      },
    } as unknown as AbortSignal;
    const first = loop.add(req());
    const shared = Array.from({ length: 12 }, (_, i) => loop.add(req({ n: 1 + (i % 3), seed: 30 + i, maxTokens: 2, signal })));
    expect(listeners).toEqual({ added: 1, removed: 0 });
    const done = await Promise.all([first, ...shared]);
    expect(done.slice(1).map((s) => s.length)).toEqual(Array.from({ length: 12 }, (_, i) => 1 + (i % 3)));
    expect(listeners).toEqual({ added: 1, removed: 1 });
    // Aborting the shared signal while all twelve wait answers each with its own n empty samples.
    const blocker = loop.add(req());
    const dropped = Array.from({ length: 12 }, (_, i) => loop.add(req({ n: 1 + (i % 3), signal })));
    client.abort();
    expect((await Promise.all(dropped)).map((s) => s.map((x) => x.finishReason).join())).toEqual(
      Array.from({ length: 12 }, (_, i) => Array(1 + (i % 3)).fill('abort').join()));
    await blocker;
  });

  it('admits a request larger than maxNumSeqs when nothing else decodes', async () => {
    const loop = new DecodeLoop(new Decoder(ck.cfg, ck.params), tok, 2);
    const out = await loop.add(req({ n: 5, maxTokens: 4 }));
    expect(out.map((s) => s.tokens)).toEqual([4, 4, 4, 4, 4]);
  });
});
