import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import OpenAI from 'openai';
import { MAX_SAMPLES_PER_REQUEST } from './server/request-schemas';
import { engineCli, MAIN, startServe, Served, TSX_IMPORT } from './testing/start-serve';
import { writeTinyCheckpoint } from './testing/write-tiny-checkpoint';

jest.setTimeout(60_000);

describe('serve (child process, real sockets)', () => {
  let served: Served;
  let client: OpenAI;

  beforeAll(async () => {
    served = await startServe(writeTinyCheckpoint(21), ['--served-model-name', 'tiny', '--seed', '3', '--max-num-seqs', '4', '--gpu-memory-utilization', '0.9', '--tensor-parallel-size', '1', '--generation-config', 'vllm']);
    client = new OpenAI({ baseURL: served.baseURL, apiKey: 'unused', maxRetries: 0 });
  });

  afterAll(async () => {
    expect(await served.stop()).toBe(0);
  });

  it('logs the vLLM flags it ignores', () => {
    expect(served.stderr()).toContain('"flag":"--gpu-memory-utilization"');
  });

  it('answers /health and lists the served model by its name, never by its path', async () => {
    expect((await fetch(`http://127.0.0.1:${served.port}/health`)).status).toBe(200);
    const models = await client.models.list();
    expect(models.data.map((m) => [m.id, (m as unknown as { root: string }).root])).toEqual([['tiny', 'tiny']]);
  });

  it('round-trips chat completions with n samples through the openai client', async () => {
    const r = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'Solve 1+2\n' }], n: 4, temperature: 1, max_tokens: 12, seed: 7 });
    expect(r.object).toBe('chat.completion');
    expect(r.choices).toHaveLength(4);
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(r.usage).toMatchObject({ prompt_tokens: 10, total_tokens: 10 + (r.usage?.completion_tokens ?? NaN) });
    const again = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'Solve 1+2\n' }], n: 4, temperature: 1, max_tokens: 12, seed: 7 });
    expect(again.choices.map((c) => c.message.content)).toEqual(r.choices.map((c) => c.message.content));
  });

  it('serves text completions, several prompts at once', async () => {
    const r = await client.completions.create({ model: 'tiny', prompt: ['Solve 1+2\n', 'Solve 3+4\n'], n: 2, temperature: 0, max_tokens: 5, stop: ['\n'] });
    expect(r.object).toBe('text_completion');
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(r.choices[0].text).toBe(r.choices[1].text);
  });

  it('accepts up to 8 stop strings of up to 256 characters and names the parameter beyond that', async () => {
    const free = await client.completions.create({ model: 'tiny', prompt: 'Solve 5+6\n', temperature: 0, max_tokens: 12 });
    const text = free.choices[0].text;
    const stop = [...Array.from({ length: 7 }, (_, i) => `~never${i}~`), text.slice(4, 6)];
    const r = await client.completions.create({ model: 'tiny', prompt: 'Solve 5+6\n', temperature: 0, max_tokens: 12, stop });
    expect(r.choices[0]).toMatchObject({ text: text.slice(0, text.indexOf(stop[7])), finish_reason: 'stop' });
    await expect(client.completions.create({ model: 'tiny', prompt: 'x', stop: [...stop, 'ninth'] })).rejects.toMatchObject({ status: 400, param: 'stop' });
    const long = 'x'.repeat(257);
    const tooLong: [string | string[], string][] = [[long, 'stop'], [['\n', long], 'stop.1']];
    for (const [value, param] of tooLong) {
      await expect(client.completions.create({ model: 'tiny', prompt: 'x', max_tokens: 2, stop: value })).rejects.toMatchObject({ status: 400, param });
    }
    expect((await client.completions.create({ model: 'tiny', prompt: 'x', max_tokens: 2, stop: ['y'.repeat(256)] })).choices).toHaveLength(1);
  });

  it('exports vLLM-named Prometheus counters on /metrics', async () => {
    const before = await served.metric('vllm:generation_tokens_total');
    const r = await client.completions.create({ model: 'tiny', prompt: 'Solve 7+8\n', n: 3, max_tokens: 9 });
    expect(await served.metric('vllm:generation_tokens_total')).toBe(before + (r.usage?.completion_tokens ?? NaN));
    expect(await served.metric('vllm:num_requests_running')).toBe(0);
  });

  it('serves more samples than --max-num-seqs: a request beyond the cap runs alone, the next ones wait their turn', async () => {
    const [big, ...small] = await Promise.all([
      client.completions.create({ model: 'tiny', prompt: 'Solve 7+8\n', n: 6, max_tokens: 20 }),
      ...[1, 2, 3].map((seed) => client.completions.create({ model: 'tiny', prompt: 'Solve 7+8\n', n: 3, max_tokens: 20, seed })),
    ]);
    expect(big.choices).toHaveLength(6);
    for (const r of small) expect(r.choices).toHaveLength(3);
    expect(await served.metric('vllm:num_requests_waiting')).toBe(0);
  });

  it('refuses a --max-num-seqs below 1, naming it', async () => {
    const r = await engineCli(['serve', writeTinyCheckpoint(24), '--port', '0', '--max-num-seqs', '0']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('--max-num-seqs 0 must be at least 1');
  });

  it('refuses --threads outside 1..64, naming it', async () => {
    const r = await engineCli(['serve', writeTinyCheckpoint(24), '--port', '0', '--threads', '65']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('--threads 65 must be between 1 and 64');
  });

  it('answers OpenAI-shaped errors naming the parameter', async () => {
    await expect(client.chat.completions.create({ model: 'other', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    await expect(client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'x' }], temperature: 5 })).rejects.toMatchObject({ status: 400, param: 'temperature' });
    await expect(client.completions.create({ model: 'tiny', prompt: 'x'.repeat(500) })).rejects.toMatchObject({ status: 400, param: 'prompt', code: 'context_length_exceeded' });
    await expect(client.completions.create({ model: 'tiny', prompt: 'x', max_tokens: 1000 })).rejects.toMatchObject({ status: 400, param: 'max_tokens' });
    const raw = await fetch(`${served.baseURL}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: expect.objectContaining({ type: 'invalid_request_error', code: 'invalid_json' }) });
  });

  it('caps the samples of one request, n × prompts, naming n', async () => {
    const cap = MAX_SAMPLES_PER_REQUEST;
    await expect(client.completions.create({ model: 'tiny', prompt: ['Solve 1+2\n', 'Solve 3+4\n'], n: cap / 2 + 1, max_tokens: 1 })).rejects.toMatchObject({ status: 400, param: 'n' });
    await expect(client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'x' }], n: cap + 1, max_tokens: 1 })).rejects.toMatchObject({ status: 400, param: 'n' });
  });

  it('answers a body over 4 MiB with a 413 the client receives, and goes on serving', async () => {
    const oversized = await fetch(`${served.baseURL}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(5 * 1024 * 1024) });
    expect(oversized.status).toBe(413);
    expect(await oversized.json()).toEqual({ error: expect.objectContaining({ code: 'request_too_large' }) });
    expect((await client.completions.create({ model: 'tiny', prompt: 'Solve 1+2\n', max_tokens: 2 })).choices).toHaveLength(1);
  });
});

describe('serve with an API key', () => {
  it.each<[string, string[], Record<string, string>]>([
    ['--api-key', ['--api-key', 'key-from-flag'], {}],
    ['VLLM_API_KEY, as vLLM reads it', [], { VLLM_API_KEY: 'key-from-env' }],
  ])('takes it from %s: /v1/* answers 401 without it, /health and /metrics stay open', async (_, extra, env) => {
    const key = extra[1] ?? env.VLLM_API_KEY;
    const served = await startServe(writeTinyCheckpoint(25), ['--served-model-name', 'keyed', ...extra], env);
    try {
      const completion = (authorization?: string) =>
        fetch(`${served.baseURL}/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
          body: JSON.stringify({ model: 'keyed', prompt: 'Solve 1+2\n', max_tokens: 2 }),
        });
      expect((await completion()).status).toBe(401);
      expect((await completion('Bearer wrong')).status).toBe(401);
      expect((await completion(`Bearer ${key}`)).status).toBe(200);
      await expect(new OpenAI({ baseURL: served.baseURL, apiKey: 'wrong', maxRetries: 0 }).models.list()).rejects.toMatchObject({ status: 401 });
      expect((await new OpenAI({ baseURL: served.baseURL, apiKey: key, maxRetries: 0 }).models.list()).data.map((m) => m.id)).toEqual(['keyed']);
      const update = (authorization?: string) =>
        fetch(`http://127.0.0.1:${served.port}/update_weights_from_disk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
          body: JSON.stringify({ model_path: '/nonexistent/model' }),
        });
      expect((await update()).status).toBe(401);
      expect((await update(`Bearer ${key}`)).status).toBe(400);
      expect((await fetch(`http://127.0.0.1:${served.port}/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${served.port}/metrics`)).status).toBe(200);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});

describe('serve drops the work of a client that went away', () => {
  let served: Served;
  const N = 32;
  const MAX_TOKENS = 1000;

  beforeAll(async () => {
    // Wide and long enough that the full request decodes for seconds on these cores, so the abort lands part way.
    served = await startServe(writeTinyCheckpoint(22, { contextLength: 1024, dModel: 128 }), ['--served-model-name', 'long']);
  });

  afterAll(async () => {
    expect(await served.stop()).toBe(0);
  });

  it('stops decoding an aborted request within moments and answers the next one', async () => {
    const client = new AbortController();
    const body = JSON.stringify({ model: 'long', prompt: 'Solve 1+2\n', n: N, max_tokens: MAX_TOKENS, ignore_eos: true });
    const pending = fetch(`${served.baseURL}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: client.signal });
    pending.catch(() => undefined);
    await until(async () => (await served.metric('vllm:num_requests_running')) === 1, 10_000);
    client.abort();
    await expect(pending).rejects.toThrow();
    const abortedAt = Date.now();
    await until(async () => (await served.metric('vllm:num_requests_running')) === 0, 5_000);
    expect(Date.now() - abortedAt).toBeLessThan(5_000);
    expect(await served.metric('vllm:request_success_total{finished_reason="abort"}')).toBe(N);
    expect(await served.metric('vllm:generation_tokens_total')).toBeLessThan((N * MAX_TOKENS) / 4);
    expect(served.stderr()).toContain('"event":"request_aborted"');
    const next = await fetch(`${served.baseURL}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'long', prompt: 'Solve 3+4\n', max_tokens: 4, ignore_eos: true }) });
    expect(next.status).toBe(200);
    expect(await served.metric('vllm:request_success_total{finished_reason="length"}')).toBe(1);
  });
});

describe('serve updates its weights in place (POST /update_weights_from_disk, as SGLang)', () => {
  // The shipped base writes derivations; a random model of the same context writes something else.
  const first = path.resolve(__dirname, '../models/base');
  const second = writeTinyCheckpoint(32, { contextLength: 256, dModel: 128 });
  let served: Served;

  beforeAll(async () => {
    // On 2 threads: the old model's decoder, and its thread, must outlive the requests it has.
    served = await startServe(first, ['--served-model-name', 'swapped', '--threads', '2']);
  });

  afterAll(async () => {
    expect(await served.stop()).toBe(0);
  });

  const post = async (route: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const r = await fetch(`http://127.0.0.1:${served.port}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };
  // Greedy, and n x max_tokens enough to still be decoding when the update lands.
  const greedy = async (): Promise<string> => {
    const r = await post('/v1/completions', { model: 'swapped', prompt: 'Solve 1+2\n', n: 64, temperature: 0, max_tokens: 200, ignore_eos: true });
    expect(r.status).toBe(200);
    return (r.json.choices as { text: string }[])[0].text;
  };

  it('serves the new weights from the next request on; a request already decoding finishes on the old ones', async () => {
    const onFirst = await greedy();
    const inFlight = greedy();
    await until(async () => (await served.metric('vllm:num_requests_running')) === 1, 10_000);
    expect(await post('/update_weights_from_disk', { model_path: second })).toEqual({ status: 200, json: { success: true, message: `Serving ${second}.`, model_path: second } });
    expect(served.stderr()).not.toContain('"event":"model_retired"');
    expect(await inFlight).toBe(onFirst);
    await until(async () => served.stderr().includes('"event":"model_retired"'), 10_000);
    const onSecond = await greedy();
    expect(onSecond).not.toBe(onFirst);
    expect((await post('/update_weights_from_disk', { model_path: first })).status).toBe(200);
    expect(await greedy()).toBe(onFirst);
    expect(served.stderr()).toContain('"event":"weights_updated"');
  });

  it('refuses what is not a checkpoint it can serve, naming model_path, and goes on serving the old weights', async () => {
    const before = await greedy();
    const missing = await post('/update_weights_from_disk', {});
    expect(missing).toMatchObject({ status: 400, json: { error: { param: 'model_path' } } });
    const absent = await post('/update_weights_from_disk', { model_path: '/nonexistent/model' });
    expect(absent).toMatchObject({ status: 400, json: { error: { param: 'model_path', code: 'invalid_checkpoint' } } });
    expect(JSON.stringify(absent.json)).toContain('checkpoint file not found');
    const short = await post('/update_weights_from_disk', { model_path: writeTinyCheckpoint(33) });
    expect(short).toMatchObject({ status: 400, json: { error: { param: 'model_path', code: 'context_length_exceeded' } } });
    expect(await greedy()).toBe(before);
  });
});

describe('serve with its output redirected to a full disk', () => {
  it('goes on serving, saying once on stderr that its output is dropped', async () => {
    const port = await freePort();
    const { execa } = await import('execa');
    // /dev/full: every write to it fails with ENOSPC, as a log file on a full disk does. A descriptor,
    // so that the engine's own writes fail (execa would copy a file target through a pipe); execa
    // hands a descriptor to the child as it is, though its types list only 0, 1 and 2.
    const full = fs.openSync('/dev/full', 'w') as 1;
    const child = execa(process.execPath, ['--import', TSX_IMPORT, MAIN, 'serve', writeTinyCheckpoint(23), '--port', String(port), '--served-model-name', 'tiny'], {
      stdio: ['ignore', full, 'pipe'],
      reject: false,
    });
    fs.closeSync(full);
    try {
      await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status === 200, 30_000);
      const body = JSON.stringify({ model: 'tiny', prompt: 'Solve 1+2\n', max_tokens: 4 });
      const reply = await fetch(`http://127.0.0.1:${port}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(reply.status).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(String(result.stderr).match(/"event":"stdout_unwritable"/g)).toEqual(['"event":"stdout_unwritable"']);
    expect(result.stderr).toContain('"error":"disk full"');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
