import { parseArgs } from 'node:util';
import type { AeroConfig } from '@aero/config';

/**
 * Where the orchestrator serves its /metrics, from its command line (runService's --port and --host)
 * and config; undefined when orchestrator.metrics_port is -1. An orchestrator asked for a free gRPC
 * port (--port 0: local mode, the tests) takes a free metrics port too, so that two of them on one
 * host never collide on the configured one.
 */
export function metricsEndpointOf(argv: string[], config: AeroConfig): { host: string; port: number } | undefined {
  const configured = config.orchestrator.metrics_port;
  if (configured < 0) return undefined;
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' } }, strict: false });
  return {
    host: typeof values.host === 'string' ? values.host : config.services.host,
    port: typeof values.port === 'string' && Number(values.port) === 0 ? 0 : configured,
  };
}
