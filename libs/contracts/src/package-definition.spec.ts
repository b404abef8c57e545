import { loadPackageDefinition } from './package-definition';

describe('loadPackageDefinition', () => {
  it('describes the six aero.v1 services', () => {
    const services = Object.keys(loadPackageDefinition()).filter((name) => name.endsWith('Service'));
    expect(services.sort()).toEqual([
      'aero.v1.AnalyzerService',
      'aero.v1.InferenceGatewayService',
      'aero.v1.OrchestratorService',
      'aero.v1.SynthService',
      'aero.v1.TrainerService',
      'aero.v1.VerifierService',
    ]);
  });
});
