import { configSchema } from '@aero/config';
import { Role } from '@aero/contracts';
import type { GenerateInput } from './generate-input';
import { planEngineRequests, type PlanOptions } from './plan-engine-requests';

const input = (over: Partial<GenerateInput>): GenerateInput => ({
  prompt: 'Solve 2+3',
  messages: [],
  n: 1,
  stop: [],
  role: Role.ROLE_SOLVER,
  ...over,
});

const options = (over: Partial<PlanOptions> = {}, sampling: Record<string, unknown> = {}): PlanOptions => ({
  maxN: 64,
  defaultMaxTokens: 0,
  sampling: configSchema.parse({ engine: { sampling } }).engine.sampling,
  ...over,
});

describe('planEngineRequests', () => {
  it('asks for all n samples in one completions request when n fits', () => {
    const plan = planEngineRequests(input({ n: 16, temperature: 0.7, top_p: 0.9, max_tokens: 50, seed: 7, stop: ['\n\n'] }), options());
    expect(plan).toEqual([
      { endpoint: 'completions', prompt: 'Solve 2+3', params: { n: 16, temperature: 0.7, top_p: 0.9, max_tokens: 50, seed: 7, stop: ['\n\n'] } },
    ]);
  });

  it('fills in temperature 1 and leaves top_p, top_k, seed, stop and max_tokens to the engine when unset', () => {
    const [request] = planEngineRequests(input({}), options());
    expect(request.params).toEqual({ n: 1, temperature: 1 });
  });

  it('uses the configured default max_tokens when the request sets none', () => {
    const [request] = planEngineRequests(input({}), options({ defaultMaxTokens: 128 }));
    expect(request.params.max_tokens).toBe(128);
  });

  it("takes top_p and top_k from the request's role, and the request's own top_p first", () => {
    const sampling = { top_p: { solver: 0.95, refiner: 0.8 }, top_k: { solver: 20 } };
    const plan = (over: Partial<GenerateInput>) => planEngineRequests(input(over), options({}, sampling))[0].params;
    expect(plan({ role: Role.ROLE_SOLVER })).toMatchObject({ top_p: 0.95, top_k: 20 });
    expect(plan({ role: Role.ROLE_REFINER })).toEqual({ n: 1, temperature: 1, top_p: 0.8 });
    expect(plan({ role: Role.ROLE_SOLVER, top_p: 0.5 }).top_p).toBe(0.5);
    expect(plan({ role: Role.ROLE_UNSPECIFIED })).toEqual({ n: 1, temperature: 1 });
  });

  it('seeds each part of a split request after the samples of the parts before it', () => {
    const plan = planEngineRequests(input({ n: 100, seed: 40 }), options());
    expect(plan.map((r) => [r.params.n, r.params.seed])).toEqual([
      [50, 40],
      [50, 90],
    ]);
  });

  it('gives no two samples the same seed when n is three times max_n_per_request (vLLM seeds sample i with seed + i)', () => {
    const plan = planEngineRequests(input({ n: 3 * 16, seed: 1000 }), options({ maxN: 16 }));
    expect(plan).toHaveLength(3);
    const seeds = plan.flatMap((r) => Array.from({ length: r.params.n }, (_, i) => (r.params.seed ?? Number.NaN) + i));
    expect(new Set(seeds).size).toBe(48);
    expect(Math.min(...seeds)).toBe(1000);
    expect(Math.max(...seeds)).toBe(1047);
  });

  it('sends chat messages to the chat endpoint', () => {
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const [request] = planEngineRequests(input({ prompt: '', messages }), options());
    expect(request).toMatchObject({ endpoint: 'chat', messages });
  });
});
