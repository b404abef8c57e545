import { InferenceGatewayServiceClient } from '@aero/contracts';
import { loadTemplates } from '@aero/prompts';
import { connectTo, exitOnStartupError, runService } from '@aero/service-kit';
import { gatewayJudge } from './adapters/gateway-judge';
import { AnswerWorker } from './adapters/answer-worker';
import { defaultExtractionMode } from './domain/default-extraction-mode';
import { EquivalenceChecker } from './domain/equivalence-checker';
import { analyzerService } from './handlers/analyzer-service';

runService({
  name: 'analyzer',
  async build({ config, log }) {
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
    const worker = new AnswerWorker(judgeConfig.cache_size);
    // Serve while the worker loads (about a second, mathjs): the first run's first calls are not the
    // analyzer's, and requests sent meanwhile wait in the worker's queue.
    const loading = performance.now();
    void worker.ready().then(
      () => log.info('answer worker loaded', { seconds: Number(((performance.now() - loading) / 1000).toFixed(3)) }),
      (error: Error) => log.error('the answer worker did not load; each request that needs it starts one again', { error: error.message }),
    );
    const checker = new EquivalenceChecker(judgeConfig.cache_size, (a, b) => worker.decide(a, b), judge);
    const defaults = { masteryBelow: aero.zpd.mastery_below, chaosAbove: aero.zpd.chaos_above };
    return {
      services: [
        analyzerService({
          checker,
          judgeEnabled: judgeConfig.enabled,
          defaults,
          extraction: defaultExtractionMode(prompts.profile),
          extract: (text, mode) => worker.extract(text, mode),
          encodeAnalyzeResponse: (response) => worker.encodeAnalyzeResponse(response),
        }),
      ],
      close: async () => {
        client?.close();
        await worker.close();
      },
    };
  },
}).catch(exitOnStartupError);
