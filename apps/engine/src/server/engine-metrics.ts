import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The serve process's Prometheus metrics, under the names vLLM exports for the same things, so one
 * dashboard reads either engine. Counted per sequence (one per sample), which is what a CPU
 * budget is spent on; an aborted request counts its n samples under finished_reason="abort".
 */
export class EngineMetrics {
  readonly registry = new Registry();
  readonly running = new Gauge({
    name: 'vllm:num_requests_running',
    help: 'HTTP requests whose samples are decoding now',
    registers: [this.registry],
  });
  readonly waiting = new Gauge({
    name: 'vllm:num_requests_waiting',
    help: 'HTTP requests queued behind the decoding batch',
    registers: [this.registry],
  });
  readonly promptTokens = new Counter({
    name: 'vllm:prompt_tokens_total',
    help: 'Prompt tokens prefilled',
    registers: [this.registry],
  });
  readonly generationTokens = new Counter({
    name: 'vllm:generation_tokens_total',
    help: 'Tokens generated, those of aborted requests included',
    registers: [this.registry],
  });
  readonly finished = new Counter({
    name: 'vllm:request_success_total',
    help: 'Finished sequences (one per sample), by finished_reason (stop, length, abort)',
    labelNames: ['finished_reason'] as const,
    registers: [this.registry],
  });
}
