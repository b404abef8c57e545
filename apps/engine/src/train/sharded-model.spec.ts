import { initParameters } from '../model/init-parameters';
import { ModelConfig } from '../model/model-config';
import { Rng } from '../util/rng';
import { ShardedModel, TrainDoc } from './sharded-model';

const cfg: ModelConfig = { vocabSize: 20, contextLength: 32, dModel: 16, nLayers: 1, nHeads: 2 };

describe('ShardedModel', () => {
  it('gives the same log-probabilities and gradients on worker threads as inline', async () => {
    const rng = new Rng(2);
    const docs: TrainDoc[] = Array.from({ length: 5 }, () => ({ tokens: Array.from({ length: rng.int(4, 20) }, () => rng.int(0, 19)), lossFrom: 2 }));
    const params = initParameters(cfg, 4);
    const inline = new ShardedModel(cfg, params, null, 0);
    const threaded = new ShardedModel(cfg, params, null, 2);
    try {
      const coef = Float64Array.from(docs, (_, i) => (i % 2 ? -1 : 0.5));
      const a = await inline.forward(docs, 'policy');
      const ga = Float32Array.from(await inline.backward(coef));
      const b = await threaded.forward(docs, 'policy');
      const gb = await threaded.backward(coef);
      expect(Array.from(b.count)).toEqual(Array.from(a.count));
      for (let i = 0; i < docs.length; i++) expect(b.logp[i]).toBeCloseTo(a.logp[i], 4);
      let worst = 0;
      for (let i = 0; i < ga.length; i++) worst = Math.max(worst, Math.abs(ga[i] - gb[i]));
      expect(worst).toBeLessThan(1e-5);
    } finally {
      await Promise.all([inline.close(), threaded.close()]);
    }
  });
});
