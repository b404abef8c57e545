import { Rng } from '../util/rng';
import { initParameters } from './init-parameters';
import { ModelConfig, parameterLayout } from './model-config';
import { packDocuments, TrainGraph } from './train-graph';

const cfg: ModelConfig = { vocabSize: 11, contextLength: 16, dModel: 8, nLayers: 2, nHeads: 2 };

function lossOf(graph: TrainGraph, params: Float32Array, batch: ReturnType<typeof packDocuments>): number {
  const logp = graph.forward(params, batch);
  let s = 0;
  for (let i = 0; i < logp.length; i++) s -= logp[i] * (i + 1) * 0.1;
  return s;
}

describe('TrainGraph', () => {
  const rng = new Rng(3);
  const docs = [
    { tokens: Array.from({ length: 7 }, () => rng.int(0, 10)), lossFrom: 2 },
    { tokens: Array.from({ length: 9 }, () => rng.int(0, 10)), lossFrom: 1 },
  ];
  const batch = packDocuments(docs);

  it.each([[cfg], [{ ...cfg, positions: 'none' as const }], [{ ...cfg, positions: 'alibi' as const }]])('matches finite differences of a weighted log-likelihood (%o)', (cfg) => {
    const params = initParameters(cfg, 1);
    // Larger weights than GPT-2's init make every path contribute measurably to the loss.
    for (let i = 0; i < params.length; i++) params[i] += 0.3 * rng.normal();
    const graph = new TrainGraph(cfg);
    const logp = graph.forward(params, batch);
    const dlogp = new Float32Array(logp.length).map((_, i) => -(i + 1) * 0.1);
    const grads = new Float32Array(params.length);
    graph.backward(grads, dlogp);
    const p64 = Float64Array.from(params);
    const { tensors } = parameterLayout(cfg);
    let worst = 0;
    for (const t of tensors) {
      for (const idx of [t.offset, t.offset + Math.floor(t.size / 2), t.offset + t.size - 1]) {
        const eps = 1e-2;
        const plus = Float32Array.from(p64);
        plus[idx] += eps;
        const minus = Float32Array.from(p64);
        minus[idx] -= eps;
        const numeric = (lossOf(graph, plus, batch) - lossOf(graph, minus, batch)) / (2 * eps);
        const err = Math.abs(numeric - grads[idx]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(grads[idx]));
        worst = Math.max(worst, err);
        if (err > 0.05) throw new Error(`${t.name}[${idx - t.offset}]: analytic ${grads[idx]} numeric ${numeric}`);
      }
    }
    expect(worst).toBeLessThan(0.05);
  });

  it('computes each packed document as if it were alone', () => {
    const params = initParameters(cfg, 2);
    const graph = new TrainGraph(cfg);
    const together = graph.forward(params, batch);
    const alone = new TrainGraph(cfg).forward(params, packDocuments([docs[1]]));
    const tail = together.slice(together.length - alone.length);
    for (let i = 0; i < alone.length; i++) expect(tail[i]).toBeCloseTo(alone[i], 5);
  });

  it('reads where a document starts only through learned positions: with positions none a shifted document scores the same', () => {
    const shifted = packDocuments(docs.map((d) => ({ ...d, posOffset: 5 })));
    const none = { ...cfg, positions: 'none' as const };
    const logp = (c: ModelConfig, b: ReturnType<typeof packDocuments>) => Array.from(new TrainGraph(c).forward(initParameters(c, 2), b));
    expect(logp(none, shifted)).toEqual(logp(none, batch));
    expect(logp(cfg, shifted)).not.toEqual(logp(cfg, batch));
    // ALiBi reads distances, not where the document starts; and it does read them.
    const alibi = { ...cfg, positions: 'alibi' as const };
    expect(logp(alibi, shifted)).toEqual(logp(alibi, batch));
    expect(logp(alibi, batch)).not.toEqual(logp(none, batch));
  });
});
