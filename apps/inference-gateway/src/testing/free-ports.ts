import * as net from 'node:net';

/** The first of `count` consecutive ports that are free now (vLLM instances use port base + i). */
export async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = await bind(0);
    let ok = true;
    for (let i = 1; i < count && ok; i++) ok = await bind(base + i).then(() => true, () => false);
    if (ok) return base;
  }
}

function bind(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}
