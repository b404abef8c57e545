import { InferenceGatewayServiceClient } from '@aero/contracts';
import { loadTemplates } from '@aero/prompts';
import { connectTo, exitOnStartupError, runService } from '@aero/service-kit';
import { gatewayJudge } from './adapters/gateway-judge';
import { WorkerVerdicts } from './adapters/worker-verdicts';
import { defaultExtractionMode } from './domain/default-extraction-mode';
import { EquivalenceChecker } from './domain/equivalence-checker';
import { analyzerService } from './handlers/analyzer-service';

runService({
  name: 'analyzer',
  async build({ config }) {
    const { judge: judgeConfig, aero, prompts } = config;
    // The judge is wired only when enabled, so a deployment without a gateway needs no address.
    const client = judgeConfig.enabled ? connectTo(config, 'inference_gateway', InferenceGatewayServiceClient) : undefined;
    const judge = client
      ? gatewayJudge({
          client,
          template: loadTemplates(prompts.profile, prompts.dir).judge,
          temperature: aero.temperatures.judge,
          maxTokens: aero.max_tokens.judge,
        })
      : undefined;
    const verdicts = new WorkerVerdicts(judgeConfig.cache_size);
    await verdicts.ready();
    const checker = new EquivalenceChecker(judgeConfig.cache_size, judge, (a, b) => verdicts.decide(a, b));
    const defaults = { masteryBelow: aero.zpd.mastery_below, chaosAbove: aero.zpd.chaos_above };
    return {
      services: [analyzerService({ checker, judgeEnabled: judgeConfig.enabled, defaults, extraction: defaultExtractionMode(prompts.profile) })],
      close: async () => {
        client?.close();
        await verdicts.close();
      },
    };
  },
}).catch(exitOnStartupError);
