import type { RolePrompts } from '@aero/prompts';
import { CHAT_MARKUP_TOKENS, exampleTokenBound, roleBudgets } from './token-budgets';

/** Prompts whose own text is `generator`, `solver` and `refiner` bytes long. */
const promptsOf = (generator: number, solver: number, refiner: number): RolePrompts => ({
  generator: () => 'g'.repeat(generator),
  solver: (q) => 's'.repeat(solver) + q,
  refiner: (q, c) => 'r'.repeat(refiner) + q + c,
  judge: (a, b) => a + b,
});
const budgets = roleBudgets({ generator: 1024, solver: 4096, refiner: 4096, judge: 64 }, promptsOf(500, 200, 400));

describe('roleBudgets', () => {
  it('bounds a prompt by its template and what its variables come from', () => {
    expect(budgets.generator).toEqual({ prompt: 500, served: 1024, trained: 1024 });
    // the question of a solver prompt is part of a generator output
    expect(budgets.solver).toEqual({ prompt: 200 + 1024, served: 4096, trained: 4096 });
    // the refiner prompt holds the question and one solver sample
    expect(budgets.refiner).toEqual({ prompt: 400 + 1024 + 4096, served: 4096, trained: 4096 });
  });

  it('lets a solver example be as long as a refinement (r1 is a desirable solver completion)', () => {
    const b = roleBudgets({ generator: 10, solver: 20, refiner: 30, judge: 1 }, promptsOf(1, 1, 1));
    expect([b.solver.served, b.solver.trained]).toEqual([20, 30]);
  });
});

describe('exampleTokenBound', () => {
  it('counts a short example by its bytes, multi-byte characters included', () => {
    expect(exampleTokenBound('Solve 2+3', '\\boxed{5}', budgets)).toBe(CHAT_MARKUP_TOKENS + 9 + 9);
    expect(exampleTokenBound('é', '∑', budgets)).toBe(CHAT_MARKUP_TOKENS + 2 + 3);
  });

  it('caps a long side at the longest the budgets allow', () => {
    const long = 'x'.repeat(100_000);
    expect(exampleTokenBound(long, long, budgets)).toBe(CHAT_MARKUP_TOKENS + 400 + 1024 + 4096 + 4096);
  });
});
