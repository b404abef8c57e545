import * as net from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it('answers a port nothing listens on, that a server can bind right after', async () => {
    const port = await freePort('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    expect((server.address() as net.AddressInfo).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails on a host it cannot bind', async () => {
    await expect(freePort('192.0.2.1')).rejects.toThrow(/EADDRNOTAVAIL/);
  });
});
