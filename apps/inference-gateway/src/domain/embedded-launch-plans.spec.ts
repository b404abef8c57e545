import { embeddedLaunchPlans, type EmbeddedSettings } from './embedded-launch-plans';

const settings: EmbeddedSettings = {
  node: '/usr/bin/node',
  tsxRequire: '/repo/node_modules/tsx/dist/cjs/index.cjs',
  engineMain: '/repo/apps/engine/src/main.ts',
  servedModelName: 'aero_model',
  maxModelLen: 256,
  instances: 2,
  seed: 10,
  threads: 2,
};

describe('embeddedLaunchPlans', () => {
  it('runs the engine serve command N times, each picking its port, seeded seed + i, on the threads configured', () => {
    const plans = embeddedLaunchPlans('/models/base', settings);
    expect(plans.map((p) => [p.id, p.port, p.gpus, p.env, p.updatesWeightsInPlace])).toEqual([
      ['embedded-0', 0, '', {}, true],
      ['embedded-1', 0, '', {}, true],
    ]);
    expect(plans[1].command).toBe('/usr/bin/node');
    expect(plans[1].args).toEqual([
      '--require', '/repo/node_modules/tsx/dist/cjs/index.cjs', '/repo/apps/engine/src/main.ts',
      'serve', '/models/base',
      '--host', '127.0.0.1',
      '--port', '0',
      '--served-model-name', 'aero_model',
      '--max-model-len', '256',
      '--seed', '11',
      '--threads', '2',
    ]);
  });

  it('hands every engine the API key in the environment, never on the command line', () => {
    const plans = embeddedLaunchPlans('/models/base', { ...settings, apiKey: 'k3y' });
    expect(plans.map((p) => p.env)).toEqual([{ VLLM_API_KEY: 'k3y' }, { VLLM_API_KEY: 'k3y' }]);
    expect(plans.flatMap((p) => p.args).join(' ')).not.toContain('k3y');
  });
});
