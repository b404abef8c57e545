import http from 'node:http';

export interface EngineCounts {
  /** Generation requests (POST /v1/completions or /v1/chat/completions). */
  requests: number;
  /** Prompt tokens as the engine reported them (once per request, whatever n). */
  promptTokens: number;
  /** Generated tokens over all choices. */
  completionTokens: number;
}

export interface CountingProxy {
  /** Base URL to give the gateway, e.g. http://127.0.0.1:PORT/v1. */
  baseUrl: string;
  /** Counts of everything that passed since the last `take()`. */
  take(): EngineCounts;
  close(): Promise<void>;
}

const GENERATION = new Set(['/v1/completions', '/v1/chat/completions']);

/**
 * An HTTP pass-through in front of one engine that counts what the engine itself is asked to do:
 * the engine boundary is where the original call pattern and ours differ, whatever sits above it.
 */
export async function startCountingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  let counts = zero();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const counted = req.method === 'POST' && GENERATION.has(path);
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (c: Buffer) => chunks.push(c));
      reply.on('end', () => {
        const body = Buffer.concat(chunks);
        if (counted) record(body);
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        res.end(body);
      });
    });
    upstream.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `proxy: ${error.message}` } }));
    });
    req.pipe(upstream);
  });
  const record = (body: Buffer) => {
    counts.requests++;
    try {
      const usage = (JSON.parse(body.toString('utf8')) as { usage?: { prompt_tokens?: number; completion_tokens?: number } }).usage;
      counts.promptTokens += usage?.prompt_tokens ?? 0;
      counts.completionTokens += usage?.completion_tokens ?? 0;
    } catch {
      // an error body: the request still counts, it has no tokens
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    take: () => {
      const taken = counts;
      counts = zero();
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function zero(): EngineCounts {
  return { requests: 0, promptTokens: 0, completionTokens: 0 };
}
