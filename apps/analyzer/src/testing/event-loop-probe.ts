import { monitorEventLoopDelay } from 'node:perf_hooks';

// Loaded into a service process by a test (node --import): on each SIGUSR2 the process writes the
// longest event-loop delay since the previous one on stderr, {"event":"event_loop_delay","max_ms":N},
// and starts measuring anew. SIGUSR1 would start Node's inspector.
const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('SIGUSR2', () => {
  process.stderr.write(`${JSON.stringify({ event: 'event_loop_delay', max_ms: histogram.max / 1e6 })}\n`);
  histogram.reset();
});
