import { Rng } from '../util/rng';
import { sampleToken } from './sample-token';

const softmax = (logits: number[], temperature: number): number[] => {
  const max = Math.max(...logits);
  const e = logits.map((l) => Math.exp((l - max) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
};

const inverseCdf = (p: number[], u: number): number => {
  let cumulative = 0;
  const v = p.findIndex((x) => u < (cumulative += x));
  return v === -1 ? p.length - 1 : v;
};

const frequencies = (logits: number[], temperature: number, topP: number, draws: number): number[] => {
  const row = Float32Array.from(logits);
  const rng = new Rng(7);
  const counts = new Array<number>(logits.length).fill(0);
  for (let i = 0; i < draws; i++) counts[sampleToken(row, 0, logits.length, temperature, topP, rng)]++;
  return counts.map((c) => c / draws);
};

describe('sampleToken', () => {
  it('takes the argmax at temperature 0, the lowest index on ties, without drawing', () => {
    const rng = new Rng(1);
    const twin = new Rng(1);
    expect(sampleToken(Float32Array.from([0, 3, 1, 3]), 0, 4, 0, 1, rng)).toBe(1);
    expect(rng.float()).toBe(twin.float());
  });

  it('reads the row at its offset', () => {
    const logits = Float32Array.from([9, 0, 0, 0, 5, 0]);
    expect(sampleToken(logits, 3, 3, 0, 1, new Rng(1))).toBe(1);
  });

  it('draws by the inverse of the cumulative softmax, one rng.float() per token, whatever row came before', () => {
    const small = [0.5, -1, 2, 0, 1.5];
    const large = Array.from({ length: 300 }, (_, v) => 3 * Math.sin(v));
    const rng = new Rng(42);
    const twin = new Rng(42);
    for (let i = 0; i < 200; i++) {
      const logits = i % 3 === 1 ? large : small;
      expect(sampleToken(Float32Array.from(logits), 0, logits.length, 0.7, 1, rng)).toBe(inverseCdf(softmax(logits, 0.7), twin.float()));
    }
  });

  it('samples the softmax at the temperature', () => {
    const logits = [1, 2, 0, -1];
    const freq = frequencies(logits, 0.5, 1, 40_000);
    softmax(logits, 0.5).forEach((p, v) => expect(Math.abs(freq[v] - p)).toBeLessThan(0.01));
  });

  it('keeps to the top_p nucleus, renormalised', () => {
    const logits = [0, Math.log(4), Math.log(3), Math.log(2)];
    // Probabilities 0.1, 0.4, 0.3, 0.2: a nucleus of 0.6 holds tokens 1 and 2.
    const freq = frequencies(logits, 1, 0.6, 40_000);
    expect(freq[0]).toBe(0);
    expect(freq[3]).toBe(0);
    expect(Math.abs(freq[1] - 4 / 7)).toBeLessThan(0.01);
  });

  it('keeps at least the most likely token however small top_p is', () => {
    expect(frequencies([0, 3, 1], 1, 1e-9, 100)).toEqual([0, 1, 0]);
  });
});
