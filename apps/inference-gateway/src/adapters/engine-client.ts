import * as http from 'node:http';
import * as https from 'node:https';
import { z } from 'zod';
import type { EngineReply } from '../domain/engine-reply';
import type { EngineRequest } from '../domain/engine-request';
import { EngineFailure } from './engine-failure';

/** A model an engine lists on GET /v1/models; vLLM and the embedded engine add max_model_len. */
export interface ListedModel {
  id: string;
  max_model_len?: number;
}

export interface EngineClientOptions {
  /** OpenAI base URL, e.g. http://127.0.0.1:8001/v1. */
  baseUrl: string;
  /** Sent as a bearer token (vLLM's --api-key, remote servers). */
  apiKey: string;
  /** Most ms one generation request may take. */
  requestTimeoutMs: number;
  /** Sent with every chat request (Qwen3's enable_thinking); undefined sends none. */
  chatTemplateKwargs?: Record<string, unknown>;
}

const PROBE_TIMEOUT_MS = 5_000;

const usage = z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish();
const completionResponse = z.object({
  model: z.string(),
  choices: z.array(z.object({ text: z.string(), finish_reason: z.string().nullish() })),
  usage,
});
const chatResponse = z.object({
  model: z.string(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }), finish_reason: z.string().nullish() })),
  usage,
});
const modelList = z.object({ data: z.array(z.object({ id: z.string(), max_model_len: z.number().optional() })) });
const tokenized = z.object({ tokens: z.array(z.number().int()) });
// OpenAI's error body, and the flat one older vLLM versions send.
const errorBody = z.union([
  z.object({ error: z.object({ message: z.string(), param: z.string().nullish() }) }),
  z.object({ message: z.string(), param: z.string().nullish() }),
]);

/**
 * One OpenAI-compatible endpoint (the subset vLLM and the embedded engine serve), over node:http
 * with a keep-alive agent. Not the `openai` package: on the 2-core machine the gateway shares with
 * the CPU engine, the SDK over undici's fetch cost about 0.7 ms more CPU per request than this,
 * which took the gateway from 1.01 to 0.91 of direct throughput (tools/bench/gateway). Every
 * failure comes back as an EngineFailure the router can decide on.
 */
export class EngineClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(private readonly options: EngineClientOptions) {
    this.url = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.agent = this.url.protocol === 'https:' ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /**
   * Chat requests also stop at these token ids (the chat template's end of turn): a -Base checkpoint
   * knows only its end of text, and vLLM cannot match special tokens as stop strings.
   */
  async generate(model: string, request: EngineRequest, instanceId: string, signal: AbortSignal, stopTokenIds: readonly number[] = []): Promise<EngineReply> {
    const timeoutMs = this.options.requestTimeoutMs;
    if (request.endpoint === 'completions') {
      const body = { model, prompt: request.prompt, ...request.params };
      const r = parsed(completionResponse, await this.call('POST', 'completions', body, signal, timeoutMs));
      return {
        choices: r.choices.map((c) => ({ text: c.text, finishReason: c.finish_reason ?? null })),
        promptTokens: r.usage?.prompt_tokens ?? 0,
        completionTokens: r.usage?.completion_tokens ?? 0,
        model: r.model,
        instanceId,
      };
    }
    const body = {
      model,
      messages: request.messages,
      ...request.params,
      ...(stopTokenIds.length > 0 && { stop_token_ids: stopTokenIds }),
      ...(this.options.chatTemplateKwargs && { chat_template_kwargs: this.options.chatTemplateKwargs }),
    };
    const r = parsed(chatResponse, await this.call('POST', 'chat/completions', body, signal, timeoutMs));
    return {
      choices: r.choices.map((c) => ({ text: c.message.content ?? '', finishReason: c.finish_reason ?? null })),
      promptTokens: r.usage?.prompt_tokens ?? 0,
      completionTokens: r.usage?.completion_tokens ?? 0,
      model: r.model,
      instanceId,
    };
  }

  /** GET /v1/models: the readiness probe (vLLM answers it only once the model is loaded). */
  async models(): Promise<ListedModel[]> {
    return parsed(modelList, await this.call('GET', 'models', undefined, undefined, PROBE_TIMEOUT_MS)).data;
  }

  /** vLLM's POST /tokenize (beside /v1): the token ids of `text`, special tokens as themselves. */
  async tokenize(model: string, text: string): Promise<number[]> {
    const body = { model, prompt: text, add_special_tokens: false };
    return parsed(tokenized, await this.call('POST', '../tokenize', body, undefined, PROBE_TIMEOUT_MS)).tokens;
  }

  /** SGLang's POST /update_weights_from_disk (beside /v1), which the embedded engine serves: load `modelPath` in place. */
  async updateWeightsFromDisk(modelPath: string, timeoutMs: number): Promise<void> {
    await this.call('POST', '../update_weights_from_disk', { model_path: modelPath }, undefined, timeoutMs);
  }

  /** Drops the idle keep-alive connections (the instance is gone or replaced). */
  close(): void {
    this.agent.destroy();
  }

  private call(method: string, path: string, body: unknown, signal: AbortSignal | undefined, timeoutMs: number): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(new EngineFailure('aborted', 'the engine request was aborted'));
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const transport = this.url.protocol === 'https:' ? https : http;
    return new Promise<unknown>((resolve, reject) => {
      const request = transport.request(new URL(path, this.url), {
        method,
        agent: this.agent,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.options.apiKey}`,
          ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      });
      let cause: EngineFailure | undefined;
      let settled = false;
      const settle = (outcome: () => unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(outcome());
        } catch (error) {
          reject(error);
        }
      };
      const lost = (error: NodeJS.ErrnoException) => () => {
        throw cause ?? new EngineFailure('connection', `lost the engine at ${this.options.baseUrl}: ${error.code ?? error.message}`);
      };
      const abandon = (failure: EngineFailure) => {
        cause ??= failure;
        request.destroy(failure);
      };
      const onAbort = () => abandon(new EngineFailure('aborted', 'the engine request was aborted'));
      const timer = setTimeout(() => abandon(new EngineFailure('timeout', `the engine did not answer within ${timeoutMs} ms`)), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error: NodeJS.ErrnoException) => settle(lost(error)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error: NodeJS.ErrnoException) => settle(lost(error)));
        response.on('close', () => {
          if (!response.complete) settle(lost(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' })));
        });
        response.on('end', () =>
          settle(() => {
            const status = response.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            if (status >= 200 && status < 300) return json(text);
            throw failureOf(status, text);
          }),
        );
      });
      request.end(payload);
    });
  }
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new EngineFailure('internal', 'the engine answered with something that is not JSON');
  }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new EngineFailure('internal', `the engine's answer is not OpenAI-shaped: ${result.error.issues[0].message}`);
  return result.data;
}

function failureOf(status: number, text: string): EngineFailure {
  let message = text.slice(0, 500) || `HTTP ${status}`;
  let param: string | null | undefined;
  try {
    const body = errorBody.parse(JSON.parse(text));
    ({ message, param } = 'error' in body ? body.error : body);
  } catch {
    // not an OpenAI error body: keep the raw text
  }
  return new EngineFailure(status >= 500 ? 'server' : 'rejected', `${status} ${message}`, status, param);
}
