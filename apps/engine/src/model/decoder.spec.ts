import { Rng } from '../util/rng';
import { Decoder } from './decoder';
import { initParameters } from './init-parameters';
import { ModelConfig } from './model-config';
import { packDocuments, TrainGraph } from './train-graph';

const cfg: ModelConfig = { vocabSize: 13, contextLength: 32, dModel: 16, nLayers: 2, nHeads: 2 };

describe('Decoder', () => {
  it.each([[cfg], [{ ...cfg, positions: 'none' as const }], [{ ...cfg, positions: 'alibi' as const }]])('computes with its KV cache what the training graph computes on the whole sequence (%o)', (cfg) => {
    const params = initParameters(cfg, 9);
    const rng = new Rng(1);
    for (let i = 0; i < params.length; i++) params[i] += 0.1 * rng.normal();
    const tokens = Array.from({ length: 12 }, () => rng.int(0, 12));
    const full = new TrainGraph(cfg).forward(params, packDocuments([{ tokens, lossFrom: 1 }]));
    const dec = new Decoder(cfg, params);
    dec.ensureSlots(3);
    for (let t = 0; t < tokens.length - 1; t++) {
      // Row order and slot choice must not matter: run the sequence in slot 2 beside a dummy row.
      const logits = dec.step(Int32Array.of(0, 2), Int32Array.of(0, tokens[t]), Int32Array.of(Math.min(t, 31), t), 2);
      const row = logits.subarray(cfg.vocabSize, 2 * cfg.vocabSize);
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
      expect(row[tokens[t + 1]] - lse).toBeCloseTo(full[t], 4);
    }
  });

  it('continues a copied slot exactly as the slot it was copied from', () => {
    const dec = new Decoder(cfg, initParameters(cfg, 3));
    dec.ensureSlots(3);
    const prefix = [3, 1, 4, 1, 5];
    prefix.forEach((token, t) => dec.step(Int32Array.of(0), Int32Array.of(token), Int32Array.of(t), 1));
    dec.copySlot(0, 2, prefix.length);
    const logits = dec.step(Int32Array.of(0, 2), Int32Array.of(9, 9), Int32Array.of(prefix.length, prefix.length), 2);
    expect(Array.from(logits.subarray(cfg.vocabSize))).toEqual(Array.from(logits.subarray(0, cfg.vocabSize)));
  });
});

describe('Decoder on several threads', () => {
  const decoders: Decoder[] = [];
  afterAll(() => Promise.all(decoders.map((d) => d.close())));

  it.each([[2], [3]])('computes the same logits, bit for bit, as on one thread (%i threads), whatever the batch', async (threads) => {
    const alibi = { ...cfg, positions: 'alibi' as const };
    for (const c of [cfg, alibi]) {
      const params = initParameters(c, 5);
      const one = new Decoder(c, params);
      const many = new Decoder(c, params, { threads });
      decoders.push(many);
      await many.ready();
      const rng = new Rng(threads);
      // Grows the cache between steps, so the threads must follow the memory as it grows.
      for (const R of [1, 3, 8, 9, 17, 40, 64]) {
        for (const d of [one, many]) d.ensureSlots(R + 2);
        const slot = Int32Array.from({ length: R }, (_, r) => r + 2);
        for (let t = 0; t < 6; t++) {
          const token = Int32Array.from({ length: R }, () => rng.int(0, 12));
          const pos = Int32Array.from({ length: R }, () => t);
          expect(Array.from(many.step(slot, token, pos, R))).toEqual(Array.from(one.step(slot, token, pos, R)));
        }
        for (const d of [one, many]) d.copySlot(2, 0, 6);
        const fork = Int32Array.of(0, 2);
        expect(Array.from(many.step(fork, Int32Array.of(1, 1), Int32Array.of(6, 6), 2))).toEqual(Array.from(one.step(fork, Int32Array.of(1, 1), Int32Array.of(6, 6), 2)));
      }
    }
  });

  it('refuses a thread count that is not an integer from 1 to 64', () => {
    expect(() => new Decoder(cfg, initParameters(cfg, 1), { threads: 0 })).toThrow('threads must be an integer from 1 to 64, got 0');
    expect(() => new Decoder(cfg, initParameters(cfg, 1), { threads: 1.5 })).toThrow('threads must be an integer from 1 to 64, got 1.5');
  });
});
