import * as net from 'node:net';

/**
 * A TCP port free on `host` now (the OS picks it), for a process that binds it moments later: a
 * rendezvous, or a service whose address others must know before it listens.
 */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
