import * as net from 'node:net';

/**
 * Ports this process has handed out: the vLLM stand-in records what each instance received by
 * port, in one folder per test file, so a port given to a second test of the file would show it
 * the first test's requests too (the OS does hand a released port out again).
 */
const handedOut = new Set<number>();

/** The first of `count` consecutive ports that are free now and new to this process (vLLM instances use port base + i). */
export async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = await bind(0);
    let ok = !handedOut.has(base);
    for (let i = 1; i < count && ok; i++) ok = !handedOut.has(base + i) && (await bind(base + i).then(() => true, () => false));
    if (!ok) continue;
    for (let i = 0; i < count; i++) handedOut.add(base + i);
    return base;
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
