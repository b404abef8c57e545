import { AnalyzerServiceClient, SynthServiceClient } from '@aero/contracts';
import { connectTo, exitOnStartupError, runService } from '@aero/service-kit';
import { EquivalenceChecker } from './adapters/equivalence-checker';
import { SynthRefiner } from './adapters/synth-refiner';
import { verifierService } from './handlers/verifier-service';

runService({
  name: 'verifier',
  async build({ config }) {
    const synthClient = connectTo(config, 'synth', SynthServiceClient);
    const analyzerClient = connectTo(config, 'analyzer', AnalyzerServiceClient);
    const service = verifierService({
      refiner: new SynthRefiner(synthClient, config.services.synth.address),
      equivalence: new EquivalenceChecker(analyzerClient, config.services.analyzer.address),
      solverLabels: config.aero.solver_labels,
      labeller: config.aero.labeller,
      consensus: config.aero.icc_consensus,
      minSupport: config.aero.icc_min_support,
    });
    return {
      services: [service],
      close: async () => {
        synthClient.close();
        analyzerClient.close();
      },
    };
  },
}).catch(exitOnStartupError);
