import * as os from 'node:os';
import type { AeroConfig } from '@aero/config';
import type { MetricsServed } from '@aero/contracts';
import { startMetricsServer, type Logger } from '@aero/service-kit';
import { metricsEndpointOf } from '../domain/metrics-endpoint-of';
import { metricsUrlOf } from '../domain/metrics-url-of';
import { ObservedRunStore } from './observed-run-store';
import { RunMetrics } from './run-metrics';
import { RunStore } from './run-store';

export interface RunMetricsService {
  /** The run store to drive the runs with: its journals feed the metrics. */
  store: RunStore;
  /** Where they are served, for the journal of each run this orchestrator drives. */
  served: MetricsServed;
  close(): Promise<void>;
}

/**
 * Serves the run metrics on GET /metrics where metricsEndpointOf says (logged as "metrics listening");
 * undefined when orchestrator.metrics_port is -1. A port that cannot be bound fails the start, as the
 * gateway's does.
 */
export async function startRunMetrics(config: AeroConfig, argv: string[], log: Logger): Promise<RunMetricsService | undefined> {
  const endpoint = metricsEndpointOf(argv, config);
  if (!endpoint) return undefined;
  const metrics = new RunMetrics(new RunStore(config.runs_dir), log);
  const server = await startMetricsServer(metrics.registry, endpoint.host, endpoint.port);
  log.info('metrics listening', { metrics_port: server.port });
  return {
    store: new ObservedRunStore(config.runs_dir, (id, event) => metrics.observe(id, event)),
    served: { metrics_url: metricsUrlOf(endpoint.host, server.port, os.hostname()), port: server.port },
    close: () => server.close(),
  };
}
