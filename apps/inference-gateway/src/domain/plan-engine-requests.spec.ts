import { Role } from '@aero/contracts';
import type { GenerateInput } from './generate-input';
import { planEngineRequests } from './plan-engine-requests';

const input = (over: Partial<GenerateInput>): GenerateInput => ({
  prompt: 'Solve 2+3',
  messages: [],
  n: 1,
  stop: [],
  role: Role.ROLE_SOLVER,
  ...over,
});

describe('planEngineRequests', () => {
  it('asks for all n samples in one completions request when n fits', () => {
    const plan = planEngineRequests(input({ n: 16, temperature: 0.7, top_p: 0.9, max_tokens: 50, seed: 7, stop: ['\n\n'] }), {
      maxN: 64,
      defaultMaxTokens: 0,
    });
    expect(plan).toEqual([
      { endpoint: 'completions', prompt: 'Solve 2+3', params: { n: 16, temperature: 0.7, top_p: 0.9, max_tokens: 50, seed: 7, stop: ['\n\n'] } },
    ]);
  });

  it('fills in temperature 1 and top_p 1 and leaves seed, stop and max_tokens to the engine when unset', () => {
    const [request] = planEngineRequests(input({}), { maxN: 64, defaultMaxTokens: 0 });
    expect(request.params).toEqual({ n: 1, temperature: 1, top_p: 1 });
  });

  it('uses the configured default max_tokens when the request sets none', () => {
    const [request] = planEngineRequests(input({}), { maxN: 64, defaultMaxTokens: 128 });
    expect(request.params.max_tokens).toBe(128);
  });

  it('splits n above maxN into requests seeded seed, seed+1, ... so they draw different samples', () => {
    const plan = planEngineRequests(input({ n: 100, seed: 40 }), { maxN: 64, defaultMaxTokens: 0 });
    expect(plan.map((r) => [r.params.n, r.params.seed])).toEqual([
      [50, 40],
      [50, 41],
    ]);
  });

  it('sends chat messages to the chat endpoint', () => {
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const [request] = planEngineRequests(input({ prompt: '', messages }), { maxN: 64, defaultMaxTokens: 0 });
    expect(request).toMatchObject({ endpoint: 'chat', messages });
  });
});
