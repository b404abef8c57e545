import { AnalyzerServiceClient, InferenceGatewayServiceClient } from '@aero/contracts';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { connectTo, exitOnStartupError, runService } from '@aero/service-kit';
import { AnswerExtractor } from './adapters/answer-extractor';
import { InferenceGateway } from './adapters/inference-gateway';
import { synthService } from './handlers/synth-service';

runService({
  name: 'synth',
  async build({ config, log }) {
    const prompts = rolePrompts(loadTemplates(config.prompts.profile, config.prompts.dir));
    const gatewayClient = connectTo(config, 'inference_gateway', InferenceGatewayServiceClient);
    const analyzerClient = connectTo(config, 'analyzer', AnalyzerServiceClient);
    log.info('prompt profile', { profile: config.prompts.profile, dir: config.prompts.dir });
    const service = synthService({
      prompts,
      gateway: new InferenceGateway(gatewayClient, config.services.inference_gateway.address),
      extractor: new AnswerExtractor(analyzerClient, config.services.analyzer.address),
      aero: config.aero,
    });
    return {
      services: [service],
      close: async () => {
        gatewayClient.close();
        analyzerClient.close();
      },
    };
  },
}).catch(exitOnStartupError);
