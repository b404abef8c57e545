import * as http from 'node:http';

export interface CountingProxy {
  /** OpenAI base URL of the proxy, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  port: number;
  /** POSTs (generation requests) received. */
  posts: number;
  /** Answer every POST with this status instead of forwarding it (0 = forward). */
  failWith: number;
  /** Hold every POST this long before forwarding it. */
  delayMs: number;
  close(): Promise<void>;
  /** Listen again on the same port after close(). */
  reopen(): Promise<void>;
}

/**
 * An OpenAI-compatible endpoint in front of a real engine that counts generation requests and can
 * be told to fail them (5xx), slow them down or go away, so tests see what the gateway does with a
 * misbehaving server.
 */
export async function startCountingProxy(enginePort: number): Promise<CountingProxy> {
  const server = http.createServer((req, res) => void forward(req, res));
  const proxy: CountingProxy = {
    url: '',
    port: 0,
    posts: 0,
    failWith: 0,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    reopen: () => listen(proxy.port).then(() => undefined),
  };

  async function forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST') {
      proxy.posts++;
      if (proxy.failWith) {
        res.writeHead(proxy.failWith, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'injected failure', type: 'server_error', param: null, code: null } }));
        return;
      }
      if (proxy.delayMs) await new Promise((resolve) => setTimeout(resolve, proxy.delayMs));
    }
    try {
      const upstream = await fetch(`http://127.0.0.1:${enginePort}${req.url}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.destroy();
    }
  }

  function listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  }

  proxy.port = await listen(0);
  proxy.url = `http://127.0.0.1:${proxy.port}/v1`;
  return proxy;
}
