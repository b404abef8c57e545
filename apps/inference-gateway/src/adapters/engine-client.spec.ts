import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineRequest } from '../domain/engine-request';
import { EngineClient } from './engine-client';
import { EngineFailure } from './engine-failure';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

let handler: Handler;
let server: http.Server;
let client: EngineClient;
let baseUrl: string;
const seen: { url?: string; auth?: string; body?: Record<string, unknown> }[] = [];

const completion: EngineRequest = { endpoint: 'completions', prompt: 'Solve 2+3', params: { n: 2, temperature: 1, top_p: 1, max_tokens: 8 } };
const reply = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as EngineFailure);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url, auth: req.headers.authorization, body: body ? JSON.parse(body) : undefined });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  client = new EngineClient({ baseUrl, apiKey: 'k3y', requestTimeoutMs: 300, chatTemplateKwargs: { enable_thinking: false } });
});
afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => (seen.length = 0));

describe('EngineClient', () => {
  it('posts a completions request and normalises the answer', async () => {
    handler = (_req, _body, res) =>
      reply(res, 200, {
        model: 'm',
        choices: [{ index: 0, text: 'a', finish_reason: 'stop' }, { index: 1, text: 'b', finish_reason: 'length' }],
        usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
      });
    const answer = await client.generate('m', completion, 'embedded-0', new AbortController().signal);
    expect(answer).toEqual({
      choices: [{ text: 'a', finishReason: 'stop' }, { text: 'b', finishReason: 'length' }],
      promptTokens: 9,
      completionTokens: 2,
      model: 'm',
      instanceId: 'embedded-0',
    });
    expect(seen).toEqual([{ url: '/v1/completions', auth: 'Bearer k3y', body: { model: 'm', prompt: 'Solve 2+3', n: 2, temperature: 1, top_p: 1, max_tokens: 8 } }]);
  });

  it('posts chat messages with the chat template arguments and the end-of-turn token ids', async () => {
    handler = (_req, _body, res) => reply(res, 200, { model: 'm', choices: [{ message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }] });
    const chat: EngineRequest = { endpoint: 'chat', messages: [{ role: 'user', content: 'hello' }], params: { n: 1, temperature: 0, top_k: 20 } };
    const answer = await client.generate('m', chat, 'x', new AbortController().signal, [151645]);
    expect(answer.choices).toEqual([{ text: 'hi', finishReason: 'stop' }]);
    expect(seen[0].url).toBe('/v1/chat/completions');
    expect(seen[0].body).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hello' }],
      n: 1,
      temperature: 0,
      top_k: 20,
      stop_token_ids: [151645],
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it('sends neither stop token ids nor template arguments it does not have', async () => {
    handler = (_req, _body, res) => reply(res, 200, { model: 'm', choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }] });
    const plain = new EngineClient({ baseUrl, apiKey: 'k3y', requestTimeoutMs: 300 });
    const chat: EngineRequest = { endpoint: 'chat', messages: [{ role: 'user', content: 'hello' }], params: { n: 1, temperature: 0 } };
    await plain.generate('m', chat, 'x', new AbortController().signal);
    plain.close();
    expect(Object.keys(seen[0].body ?? {}).sort()).toEqual(['messages', 'model', 'n', 'temperature']);
  });

  it("tokenizes a special token with vLLM's /tokenize, adding no special tokens of its own", async () => {
    handler = (_req, _body, res) => reply(res, 200, { count: 1, max_model_len: 10240, tokens: [151645] });
    expect(await client.tokenize('m', '<|im_end|>')).toEqual([151645]);
    expect(seen).toEqual([{ url: '/tokenize', auth: 'Bearer k3y', body: { model: 'm', prompt: '<|im_end|>', add_special_tokens: false } }]);
  });

  it('lists the served models', async () => {
    handler = (_req, _body, res) => reply(res, 200, { object: 'list', data: [{ id: 'm', object: 'model', max_model_len: 256 }] });
    expect(await client.models()).toEqual([{ id: 'm', max_model_len: 256 }]);
  });

  it.each<[string, Handler, string, number | undefined, string | null | undefined]>([
    ['a 503', (_q, _b, res) => reply(res, 503, { error: { message: 'busy', type: 'server_error' } }), 'server', 503, undefined],
    ['an OpenAI 400 naming a param', (_q, _b, res) => reply(res, 400, { error: { message: 'too long', param: 'max_tokens' } }), 'rejected', 400, 'max_tokens'],
    ['an older vLLM 400', (_q, _b, res) => reply(res, 400, { object: 'error', message: 'bad', type: 'BadRequestError', param: 'prompt', code: 400 }), 'rejected', 400, 'prompt'],
    ['a 404 in plain text', (_q, _b, res) => reply(res, 404, 'no such route'), 'rejected', 404, undefined],
    ['an answer that is not JSON', (_q, _b, res) => reply(res, 200, '<html>'), 'internal', undefined, undefined],
    ['an answer that is not OpenAI-shaped', (_q, _b, res) => reply(res, 200, { choices: 'none' }), 'internal', undefined, undefined],
    ['a connection dropped mid-answer', (_q, _b, res) => { res.writeHead(200, { 'content-length': '100' }); res.write('{"cho'); setTimeout(() => res.socket?.destroy(), 20); }, 'connection', undefined, undefined],
    ['no answer in time', () => undefined, 'timeout', undefined, undefined],
  ])('classifies %s', async (_, h, kind, status, param) => {
    handler = h;
    const failure = await failureOf(client.generate('m', completion, 'x', new AbortController().signal));
    expect(failure).toBeInstanceOf(EngineFailure);
    expect([failure?.kind, failure?.status, failure?.param ?? undefined]).toEqual([kind, status, param]);
  });

  it('fails with a connection failure when nothing listens', async () => {
    const closed = new EngineClient({ baseUrl: 'http://127.0.0.1:1/v1', apiKey: 'x', requestTimeoutMs: 1000, });
    expect((await failureOf(closed.models()))?.kind).toBe('connection');
  });

  it('aborts the HTTP request when the signal fires, and the engine sees the connection close', async () => {
    let closedByClient: Promise<void> = Promise.resolve();
    handler = (req) => {
      closedByClient = new Promise((resolve) => req.socket.once('close', () => resolve()));
    };
    const controller = new AbortController();
    const pending = failureOf(client.generate('m', completion, 'x', controller.signal));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect((await pending)?.kind).toBe('aborted');
    await closedByClient;
  });
});
