import { embeddedLaunchPlans } from './embedded-launch-plans';

describe('embeddedLaunchPlans', () => {
  it('runs the engine serve command N times, each picking its port, seeded seed + i', () => {
    const plans = embeddedLaunchPlans('/models/base', {
      node: '/usr/bin/node',
      tsxImport: 'file:///repo/node_modules/tsx/dist/loader.mjs',
      engineMain: '/repo/apps/engine/src/main.ts',
      servedModelName: 'aero_model',
      maxModelLen: 256,
      instances: 2,
      seed: 10,
    });
    expect(plans.map((p) => [p.id, p.port, p.gpus])).toEqual([
      ['embedded-0', 0, ''],
      ['embedded-1', 0, ''],
    ]);
    expect(plans[1].command).toBe('/usr/bin/node');
    expect(plans[1].args).toEqual([
      '--import', 'file:///repo/node_modules/tsx/dist/loader.mjs', '/repo/apps/engine/src/main.ts',
      'serve', '/models/base',
      '--host', '127.0.0.1',
      '--port', '0',
      '--served-model-name', 'aero_model',
      '--max-model-len', '256',
      '--seed', '11',
    ]);
  });
});
