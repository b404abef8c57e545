import { exitOnStartupError, runService, startMetricsServer } from '@aero/service-kit';
import { buildFleet } from './adapters/build-fleet';
import { InferenceGateway } from './gateway/inference-gateway';
import { gatewayService } from './handlers/gateway-service';

runService({
  name: 'inference_gateway',
  async build({ config, log }) {
    const engine = config.engine;
    const fleet = buildFleet(config, log);
    const gateway = new InferenceGateway(
      fleet,
      {
        maxNPerRequest: engine.routing.max_n_per_request,
        defaultMaxTokens: engine.default_max_tokens,
        sampling: engine.sampling,
        capacity: engine.routing.max_concurrency_per_instance,
        maxQueue: engine.routing.max_queue,
        retries: engine.routing.retries,
        backoffMs: engine.routing.backoff_ms,
        requestTimeoutMs: engine.request_timeout_s * 1000,
        readyTimeoutMs: engine.ready_timeout_s * 1000,
        drainTimeoutMs: engine.drain_timeout_s * 1000,
      },
      log,
    );
    log.info('starting engines', { backend: engine.backend, target: fleet.target, instances: fleet.instances.length });
    await fleet.start(Date.now() + engine.ready_timeout_s * 1000);
    const port = config.services.metrics_port;
    const metrics = port >= 0 ? await startMetricsServer(gateway.metrics.registry, config.services.host, port) : undefined;
    if (metrics) {
      gateway.metricsPort = metrics.port;
      log.info('metrics listening', { metrics_port: metrics.port });
    }
    return {
      services: [gatewayService(gateway)],
      close: async () => {
        await metrics?.close();
        await fleet.stop();
      },
    };
  },
}).catch(exitOnStartupError);
