import * as net from 'node:net';
import { freePorts } from './free-ports';

describe('freePorts', () => {
  it('hands out consecutive ports that can be bound, never the same port twice in a process', async () => {
    const seen = new Set<number>();
    for (let k = 0; k < 20; k++) {
      const base = await freePorts(2);
      for (const port of [base, base + 1]) {
        expect(seen.has(port)).toBe(false);
        seen.add(port);
        await new Promise<void>((resolve, reject) => {
          const server = net.createServer().once('error', reject);
          server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
        });
      }
    }
  });
});
