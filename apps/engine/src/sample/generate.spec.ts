import { loadCheckpoint } from '../checkpoint/checkpoint';
import { Decoder } from '../model/decoder';
import { writeTinyCheckpoint } from '../testing/write-tiny-checkpoint';
import { generate, GenerationRequest } from './generate';

describe('generate', () => {
  const ck = loadCheckpoint(writeTinyCheckpoint(11));
  const tok = ck.tokenizer;
  const req = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({
    prompt: tok.encode('Solve 12+34\n'), n: 4, temperature: 1, topP: 1, maxTokens: 20, stop: [], seed: 5, ...over,
  });
  const run = async (reqs: GenerationRequest[]) => generate(new Decoder(ck.cfg, ck.params), tok, reqs);

  it('reproduces samples from a fixed seed, whatever else shares the batch', async () => {
    const [a] = await run([req()]);
    const [, b] = await run([req({ prompt: tok.encode('Write a problem as JSON.\n'), seed: 9 }), req()]);
    expect(b.map((s) => s.text)).toEqual(a.map((s) => s.text));
    const [c] = await run([req({ seed: 6 })]);
    expect(c.map((s) => s.text)).not.toEqual(a.map((s) => s.text));
  });

  it('draws n different samples at temperature 1', async () => {
    const [a] = await run([req({ n: 8 })]);
    expect(new Set(a.map((s) => s.text)).size).toBeGreaterThan(1);
    for (const s of a) expect(s.tokens).toBeGreaterThan(0);
  });

  it('is greedy at temperature 0: every sample is the argmax continuation', async () => {
    const [a] = await run([req({ n: 3, temperature: 0, seed: 1 })]);
    const [b] = await run([req({ n: 1, temperature: 0, seed: 2 })]);
    expect(new Set(a.map((s) => s.text)).size).toBe(1);
    expect(a[0].text).toBe(b[0].text);
    // Recompute the argmax chain one token at a time without the batched fork.
    const dec = new Decoder(ck.cfg, ck.params);
    dec.ensureSlots(1);
    const ids = tok.encode('Solve 12+34\n');
    let text = '';
    let next = -1;
    for (let t = 0; t < ids.length + 19; t++) {
      const input = t < ids.length ? ids[t] : next;
      const logits = dec.step(Int32Array.of(0), Int32Array.of(input), Int32Array.of(t), 1);
      if (t >= ids.length - 1) {
        next = logits.indexOf(Math.max(...logits));
        if (next === tok.eos) break;
        text += tok.decodeToken(next);
      }
    }
    expect(a[0].text).toBe(text);
  });

  it('stops at max_tokens, and at the first of up to 8 stop strings', async () => {
    const [a] = await run([req({ n: 4, maxTokens: 5 })]);
    for (const s of a) expect(s.tokens).toBeLessThanOrEqual(5);
    const [free] = await run([req({ n: 1, maxTokens: 20, ignoreEos: true })]);
    const text = free[0].text;
    expect(text).toHaveLength(20);
    // Seven strings that never occur, then the eighth that does: every one of the eight is honoured.
    const stop = [...Array.from({ length: 7 }, (_, i) => `~never${i}~`), text.slice(6, 8)];
    const [b] = await run([req({ n: 1, maxTokens: 20, ignoreEos: true, stop })]);
    expect(b[0].text).toBe(text.slice(0, text.indexOf(stop[7])));
    expect(b[0].finishReason).toBe('stop');
  });

  it('never ends a sample with the end-of-text token under ignoreEos', async () => {
    const [free] = await run([req({ n: 16, maxTokens: 60 })]);
    // Without the flag some of these samples end early, so the flag has something to change.
    expect(free.some((s) => s.finishReason === 'stop' && s.tokens < 60)).toBe(true);
    const [forced] = await run([req({ n: 16, maxTokens: 60, ignoreEos: true })]);
    for (const s of forced) expect([s.tokens, s.finishReason]).toEqual([60, 'length']);
  });

  it('drops an aborted request at its next step and finishes the rest of the batch unchanged', async () => {
    const other = req({ prompt: tok.encode('Write a problem as JSON.\n'), n: 2, maxTokens: 40, ignoreEos: true, seed: 9 });
    const [alone] = await run([other]);
    // A signal that turns aborted from its 30th look: the decode loop checks it once per live
    // sequence and step, so the request is dropped part way through, at a reproducible step.
    let looks = 0;
    const signal = { get aborted() { return ++looks > 30; }, addEventListener: () => undefined, removeEventListener: () => undefined } as unknown as AbortSignal;
    const [dropped, kept] = await run([req({ n: 2, maxTokens: 40, ignoreEos: true, signal }), other]);
    for (const s of dropped) {
      expect(s.finishReason).toBe('abort');
      expect(s.tokens).toBeGreaterThan(0);
      expect(s.tokens).toBeLessThan(40);
    }
    expect(kept).toEqual(alone);
  });

  it('rejects prompts that do not fit the context', async () => {
    await expect(run([req({ prompt: new Array(200).fill(5) })])).rejects.toThrow('does not fit the context');
  });
});
