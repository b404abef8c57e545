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

  it('admits a request larger than maxSlots when nothing else decodes', async () => {
    const loop = new DecodeLoop(new Decoder(ck.cfg, ck.params), tok, 2);
    const out = await loop.add(req({ n: 5, maxTokens: 4 }));
    expect(out.map((s) => s.tokens)).toEqual([4, 4, 4, 4, 4]);
  });
});
