import * as path from 'node:path';
import type { ServiceProcess } from '@aero/testing';

/** Node options that load event-loop-probe.ts into a service process (startServiceProcess's nodeArgs). */
export const EVENT_LOOP_PROBE = ['--import', path.join(__dirname, 'event-loop-probe.ts')];

/** The longest event-loop delay of `service` (started with EVENT_LOOP_PROBE) since the previous call, in ms. */
export async function maxLoopDelay(service: ServiceProcess): Promise<number> {
  const seen = service.stderr().length;
  process.kill(service.pid, 'SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const reported = /"event":"event_loop_delay","max_ms":([\d.]+)/.exec(service.stderr().slice(seen));
    if (reported) return Number(reported[1]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the service reported no event-loop delay within 10 s');
}
