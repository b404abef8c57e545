import OpenAI from 'openai';
import { startServe, Served } from './testing/start-serve';
import { writeTinyCheckpoint } from './testing/write-tiny-checkpoint';

jest.setTimeout(60_000);

describe('serve (child process, real sockets)', () => {
  let served: Served;
  let client: OpenAI;

  beforeAll(async () => {
    served = await startServe(writeTinyCheckpoint(21), ['--served-model-name', 'tiny', '--seed', '3', '--gpu-memory-utilization', '0.9', '--tensor-parallel-size', '1', '--generation-config', 'vllm']);
    client = new OpenAI({ baseURL: served.baseURL, apiKey: 'unused', maxRetries: 0 });
  });

  afterAll(async () => {
    expect(await served.stop()).toBe(0);
  });

  it('logs the vLLM flags it ignores', () => {
    expect(served.stderr()).toContain('"flag":"--gpu-memory-utilization"');
  });

  it('answers /health and lists the served model', async () => {
    expect((await fetch(`http://127.0.0.1:${served.port}/health`)).status).toBe(200);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['tiny']);
  });

  it('round-trips chat completions with n samples through the openai client', async () => {
    const r = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'Solve 1+2\n' }], n: 4, temperature: 1, max_tokens: 12, seed: 7 });
    expect(r.object).toBe('chat.completion');
    expect(r.choices).toHaveLength(4);
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(r.usage!.prompt_tokens).toBe(10);
    expect(r.usage!.completion_tokens).toBe(r.usage!.total_tokens - 10);
    const again = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'Solve 1+2\n' }], n: 4, temperature: 1, max_tokens: 12, seed: 7 });
    expect(again.choices.map((c) => c.message.content)).toEqual(r.choices.map((c) => c.message.content));
  });

  it('serves text completions, several prompts at once', async () => {
    const r = await client.completions.create({ model: 'tiny', prompt: ['Solve 1+2\n', 'Solve 3+4\n'], n: 2, temperature: 0, max_tokens: 5, stop: ['\n'] });
    expect(r.object).toBe('text_completion');
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(r.choices[0].text).toBe(r.choices[1].text);
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
});
