import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { InstanceState, type GetStatusResponse, type InstanceStatus } from '@aero/contracts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
const STATES = [
  InstanceState.INSTANCE_STATE_STARTING,
  InstanceState.INSTANCE_STATE_READY,
  InstanceState.INSTANCE_STATE_UNHEALTHY,
  InstanceState.INSTANCE_STATE_STOPPED,
];

/**
 * The gateway's Prometheus metrics in a registry of its own: Generate calls by role and status code,
 * engine requests by instance and outcome, retries, tokens, latency histograms, and the queue and
 * instance gauges read from the live status at scrape time.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'aero_gateway_requests_total',
    help: 'Generate calls answered, by role and gRPC status code',
    labelNames: ['role', 'code'] as const,
    registers: [this.registry],
  });
  readonly engineRequests = new Counter({
    name: 'aero_gateway_engine_requests_total',
    help: 'Engine HTTP requests, by instance and outcome (ok, connection, server, rejected, timeout, aborted, internal)',
    labelNames: ['instance', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly retries = new Counter({
    name: 'aero_gateway_retries_total',
    help: 'Engine requests sent again after a connection failure or a 5xx',
    registers: [this.registry],
  });
  readonly tokens = new Counter({
    name: 'aero_gateway_tokens_total',
    help: 'Tokens of answered Generate calls, by role and kind (prompt, completion)',
    labelNames: ['role', 'kind'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'aero_gateway_request_duration_seconds',
    help: 'Generate latency seen by the caller, queueing and retries included',
    labelNames: ['role'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly engineLatency = new Histogram({
    name: 'aero_gateway_engine_request_duration_seconds',
    help: 'Latency of single engine HTTP requests, by instance',
    labelNames: ['instance'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(status: () => GetStatusResponse) {
    new Gauge({
      name: 'aero_gateway_queue_depth',
      help: 'Requests waiting for an instance slot',
      registers: [this.registry],
      collect() {
        this.set(status().queue_depth);
      },
    });
    this.perInstance('aero_gateway_instance_outstanding', 'Requests in flight per instance', status, (i) => i.outstanding);
    this.perInstance('aero_gateway_instance_restarts', 'Restarts of each instance after a crash', status, (i) => i.restarts);
    new Gauge({
      name: 'aero_gateway_instance_state',
      help: '1 for the state each instance is in (STARTING, READY, UNHEALTHY, STOPPED), else 0',
      labelNames: ['instance', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const i of status().instances) {
          for (const s of STATES) this.set({ instance: i.id, state: InstanceState[s].replace('INSTANCE_STATE_', '') }, i.state === s ? 1 : 0);
        }
      },
    });
  }

  private perInstance(name: string, help: string, status: () => GetStatusResponse, value: (i: InstanceStatus) => number): void {
    new Gauge({
      name,
      help,
      labelNames: ['instance'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const i of status().instances) this.set({ instance: i.id }, value(i));
      },
    });
  }
}
