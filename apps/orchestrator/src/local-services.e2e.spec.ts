import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, isRunning } from '@aero/process';
import { createLogger } from '@aero/service-kit';
import { startLocalServices } from './adapters/local-services';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-local-services-'));
let configFile: string;
const accepts = (address: string) =>
  new Promise<boolean>((resolve) => {
    const [host, port] = address.split(':');
    const socket = net.connect(Number(port), host, () => resolve(socket.end() !== undefined)).on('error', () => resolve(false));
  });

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work));
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('starts the five services at once on five distinct ports; when one is taken before its service binds it, starts them all again on other ports', async () => {
  // A port that something else listens on by the time the service binds it.
  const squatter = net.createServer();
  const taken = await new Promise<number>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve((squatter.address() as net.AddressInfo).port)));
  let handedOut = 0;
  const logged: string[] = [];
  try {
    const services = await startLocalServices({
      configFile,
      host: '127.0.0.1',
      runsDir: path.join(work, 'runs'),
      metricsPort: -1,
      log: createLogger({ test: 'local-services' }, 'info', (line) => logged.push(line)),
      onStderr: () => undefined,
      // First five choices: one port twice (chosen again); next five: the taken port first; then free ones.
      freePort: (host) => {
        const call = handedOut++;
        if (call === 1 || call === 2) return Promise.resolve(taken + 1);
        return call === 0 || call === 5 ? Promise.resolve(taken) : freePort(host);
      },
    });
    try {
      const addresses = Object.values(services.addresses);
      expect(addresses).toHaveLength(5);
      expect(addresses).not.toContain(`127.0.0.1:${taken}`);
      expect(await Promise.all(addresses.map(accepts))).toEqual([true, true, true, true, true]);
      // Five ports with a repeat, five distinct ones for the first start, five more for the second.
      expect(handedOut).toBe(15);
      expect(logged.filter((l) => l.includes('starting the services again on other ports'))).toHaveLength(1);
      expect(logged.filter((l) => l.includes('"msg":"local service started"'))).toHaveLength(5);
    } finally {
      await services.stop();
    }
    expect(Object.values(services.pids).filter(isRunning)).toEqual([]);
  } finally {
    squatter.close();
  }
}, 120_000);
