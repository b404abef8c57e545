import { runOverrideViolations } from './run-override-violations';

describe('runOverrideViolations', () => {
  it('accepts the settings of a run', () => {
    expect(runOverrideViolations({ 'aero.rounds': '3', 'evaluation.limit': '10', 'training.kto.learning_rate': '1e-4', 'engine.model': '/m' })).toEqual([]);
  });

  it('names every service-level key', () => {
    expect(runOverrideViolations({ 'aero.seed': '1', 'services.synth.address': 'x', 'engine.backend': 'vllm', runs_dir: '/tmp' }).map((v) => v.field)).toEqual([
      'config_overrides.services.synth.address',
      'config_overrides.engine.backend',
      'config_overrides.runs_dir',
    ]);
  });
});
