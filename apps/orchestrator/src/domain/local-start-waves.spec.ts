import { localStartWaves } from './local-start-waves';

describe('localStartWaves', () => {
  it('starts the analyzer with the gateway and the trainer when it needs no judge, then synth, then the verifier', () => {
    expect(localStartWaves(false)).toEqual([['inference_gateway', 'trainer', 'analyzer'], ['synth'], ['verifier']]);
  });

  it('starts the analyzer after the gateway when it asks the model judge', () => {
    expect(localStartWaves(true)).toEqual([['inference_gateway', 'trainer'], ['analyzer'], ['synth'], ['verifier']]);
  });

  it('starts every service exactly once, each after everything it calls', () => {
    for (const judge of [false, true]) {
      const waves = localStartWaves(judge);
      expect(waves.flat().sort()).toEqual(['analyzer', 'inference_gateway', 'synth', 'trainer', 'verifier']);
      const at = (name: string) => waves.findIndex((w) => w.includes(name as never));
      expect(at('synth')).toBeGreaterThan(Math.max(at('inference_gateway'), at('analyzer')));
      expect(at('verifier')).toBeGreaterThan(Math.max(at('synth'), at('analyzer')));
    }
  });
});
