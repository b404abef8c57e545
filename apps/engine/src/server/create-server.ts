import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { z } from 'zod';
import { applyChatTemplate } from '../corpus/embedded-chat-template';
import { Decoder } from '../model/decoder';
import { GenerationRequest, Sample } from '../sample/generate';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { Rng } from '../util/rng';
import { BatchScheduler, RequestAbortedError } from './batch-scheduler';
import { EngineMetrics } from './engine-metrics';
import { HttpError } from './http-error';
import { isAuthorized } from './is-authorized';
import { ChatRequestSchema, CompletionRequestSchema, UpdateWeightsRequestSchema } from './request-schemas';

/** The model a request is served by: its weights and its vocabulary. */
export interface ServedModel {
  decoder: Decoder;
  tokenizer: CharTokenizer;
}

export interface ServerOptions extends ServedModel {
  /** Reads the checkpoint at a path (POST /update_weights_from_disk); throws if it is not one. */
  loadModel: (modelPath: string) => ServedModel;
  servedModelName: string;
  maxModelLen: number;
  /** Samples decoding at once; more wait (vLLM's --max-num-seqs). */
  maxNumSeqs: number;
  seed: number;
  /** When set, /v1/* and the weights update want `Authorization: Bearer <apiKey>` (vLLM's --api-key); /health and /metrics stay open. */
  apiKey?: string;
}

const MAX_BODY = 4 * 1024 * 1024;

/** OpenAI-compatible HTTP front of the embedded engine (the subset of vLLM's API AERO uses). */
export function createServer(o: ServerOptions): http.Server {
  const metrics = new EngineMetrics();
  const serving = (model: ServedModel) => ({ ...model, scheduler: new BatchScheduler(model.decoder, model.tokenizer, metrics, o.maxNumSeqs) });
  // A request keeps the model it was prepared for to its end: after a weights update, requests
  // already decoding finish on the old weights while new ones start on the new (nothing aborted,
  // nothing mixed within one request).
  let current = serving(o);
  const seeds = new Rng(o.seed);
  const created = Math.floor(Date.now() / 1000);

  const prepare = (
    tokenizer: CharTokenizer,
    body: {
      model: string; n?: number | null; temperature?: number | null; top_p?: number | null; max_tokens?: number | null;
      seed?: number | null; stop?: string | string[] | null; ignore_eos?: boolean | null;
    },
    prompts: string[], promptParam: string, maxTokensParam: string,
  ): GenerationRequest[] => {
    if (body.model !== o.servedModelName) throw new HttpError(404, `The model \`${body.model}\` does not exist. This server serves \`${o.servedModelName}\`.`, 'model', 'model_not_found');
    const seed = body.seed ?? seeds.nextU32();
    return prompts.map((text, i) => {
      const prompt = tokenizer.encode(text);
      if (prompt.length === 0) throw new HttpError(400, 'The prompt is empty.', promptParam);
      if (prompt.length >= o.maxModelLen) {
        throw new HttpError(400, `This model's maximum context length is ${o.maxModelLen} tokens. However, your prompt has ${prompt.length} tokens.`, promptParam, 'context_length_exceeded');
      }
      const room = o.maxModelLen - prompt.length;
      if (body.max_tokens != null && body.max_tokens > room) {
        throw new HttpError(400, `This model's maximum context length is ${o.maxModelLen} tokens. However, you requested ${prompt.length + body.max_tokens} tokens (${prompt.length} in the prompt, ${body.max_tokens} for the completion).`, maxTokensParam, 'context_length_exceeded');
      }
      return {
        prompt,
        n: body.n ?? 1,
        temperature: body.temperature ?? 1,
        topP: body.top_p ?? 1,
        maxTokens: body.max_tokens ?? room,
        stop: body.stop == null ? [] : typeof body.stop === 'string' ? [body.stop] : body.stop,
        seed: (seed + i) >>> 0,
        ignoreEos: body.ignore_eos ?? false,
      };
    });
  };

  const usage = (reqs: GenerationRequest[], out: Sample[][]): { prompt_tokens: number; completion_tokens: number; total_tokens: number } => {
    const prompt_tokens = reqs.reduce((s, r) => s + r.prompt.length, 0);
    const completion_tokens = out.flat().reduce((s, x) => s + x.tokens, 0);
    return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
  };

  const completions = async (raw: unknown, signal: AbortSignal): Promise<unknown> => {
    const body = validate(CompletionRequestSchema, raw);
    const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
    const model = current;
    const reqs = prepare(model.tokenizer, body, prompts, 'prompt', 'max_tokens');
    const out = await model.scheduler.submit(reqs, signal);
    return {
      id: `cmpl-${randomUUID()}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model: o.servedModelName,
      choices: out.flatMap((samples, i) => samples.map((s, j) => ({ index: i * reqs[i].n + j, text: s.text, logprobs: null, finish_reason: s.finishReason }))),
      usage: usage(reqs, out),
    };
  };

  const chat = async (raw: unknown, signal: AbortSignal): Promise<unknown> => {
    const body = validate(ChatRequestSchema, raw);
    const model = current;
    const reqs = prepare(model.tokenizer, { ...body, max_tokens: body.max_tokens ?? body.max_completion_tokens }, [applyChatTemplate(body.messages)], 'messages', body.max_tokens != null ? 'max_tokens' : 'max_completion_tokens');
    const out = await model.scheduler.submit(reqs, signal);
    return {
      id: `chatcmpl-${randomUUID()}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: o.servedModelName,
      choices: out[0].map((s, j) => ({ index: j, message: { role: 'assistant', content: s.text }, logprobs: null, finish_reason: s.finishReason })),
      usage: usage(reqs, out),
    };
  };

  const models = (): unknown => ({
    object: 'list',
    data: [{ id: o.servedModelName, object: 'model', created, owned_by: 'aero-engine', root: o.servedModelName, parent: null, max_model_len: o.maxModelLen }],
  });

  // SGLang's in-place weight update, so a new round's checkpoint costs no process restart (vLLM's
  // sleep / wake-up serves the same purpose on GPUs). The old weights serve until the new are loaded.
  const updateWeights = (raw: unknown): unknown => {
    const { model_path } = validate(UpdateWeightsRequestSchema, raw);
    const started = performance.now();
    let model: ServedModel;
    try {
      model = o.loadModel(model_path);
    } catch (e) {
      throw new HttpError(400, `Cannot load ${model_path}: ${(e as Error).message}`, 'model_path', 'invalid_checkpoint');
    }
    if (model.decoder.cfg.contextLength < o.maxModelLen) {
      throw new HttpError(400, `${model_path} has a context of ${model.decoder.cfg.contextLength} tokens, below the served max_model_len ${o.maxModelLen}.`, 'model_path', 'context_length_exceeded');
    }
    // The old model finishes what it has, then its decoder's threads stop.
    const retired = Date.now();
    void current.scheduler.retire().then(() => console.error(JSON.stringify({ event: 'model_retired', after_s: Number(((Date.now() - retired) / 1000).toFixed(3)) })));
    current = serving(model);
    const seconds = (performance.now() - started) / 1000;
    console.error(JSON.stringify({ event: 'weights_updated', model_path, seconds: Number(seconds.toFixed(3)) }));
    return { success: true, message: `Serving ${model_path}.`, model_path };
  };

  // Prometheus text for /metrics, JSON for everything else.
  const routes: Record<string, { method: string; run: (body: unknown, signal: AbortSignal) => unknown; contentType?: string }> = {
    '/health': { method: 'GET', run: () => undefined },
    '/metrics': { method: 'GET', run: () => metrics.registry.metrics(), contentType: metrics.registry.contentType },
    '/v1/models': { method: 'GET', run: models },
    '/v1/completions': { method: 'POST', run: completions },
    '/v1/chat/completions': { method: 'POST', run: chat },
    '/update_weights_from_disk': { method: 'POST', run: updateWeights },
  };
  // Everything but the probes wants the key: changing the weights most of all.
  const guarded = (url: string): boolean => url.startsWith('/v1/') || url === '/update_weights_from_disk';

  return http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const route = routes[url];
    const send = (status: number, payload: unknown, contentType = 'application/json'): void => {
      if (res.destroyed) return;
      const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    // A response closed before it was written means the client went away: stop its work.
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const handle = async (): Promise<void> => {
      if (o.apiKey !== undefined && guarded(url) && !isAuthorized(req.headers.authorization, o.apiKey)) {
        throw new HttpError(401, 'Unauthorized: send the API key as `Authorization: Bearer <key>`.', null, 'invalid_api_key');
      }
      if (!route) throw new HttpError(404, `Route ${req.method} ${url} not found.`, null, 'not_found');
      if (req.method !== route.method) throw new HttpError(405, `Method ${req.method} not allowed on ${url}; use ${route.method}.`, null, 'method_not_allowed');
      const body = route.method === 'POST' ? await readJson(req) : undefined;
      send(200, await route.run(body, gone.signal), route.contentType);
    };
    handle().catch((e: unknown) => {
      if (e instanceof RequestAbortedError) {
        console.error(JSON.stringify({ event: 'request_aborted', route: url, reason: 'client disconnected' }));
        return;
      }
      const err = e instanceof HttpError ? e : new HttpError(500, (e as Error).message ?? String(e));
      send(err.status, err.body());
    });
  });
}

function validate<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const param = issue.path.length ? issue.path.map(String).join('.') : null;
  throw new HttpError(400, `Invalid value for ${param ?? 'the request body'}: ${issue.message}`, param, 'invalid_value');
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      // Destroying the socket would take the 413 with it. The rest of the body is read and dropped
      // instead (within the server's requestTimeout), so a client still writing it gets the answer.
      req.off('data', onData);
      req.off('end', onEnd);
      reject(new HttpError(413, `Request body too large: at most ${MAX_BODY} bytes.`, null, 'request_too_large'));
    };
    const onEnd = (): void => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'The request body is not valid JSON.', null, 'invalid_json'));
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}
