import { CHAT_MARKUP_TOKENS, roleBudgets } from '@aero/config';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { cutoffWarnings } from './cutoff-warnings';
import type { SharegptKtoRecord } from './sharegpt-record';

const record = (prompt: string, completion: string): SharegptKtoRecord => ({
  messages: [
    { role: 'user', content: prompt },
    { role: 'assistant', content: completion },
  ],
  label: true,
});
const budgets = roleBudgets({ generator: 1024, solver: 4096, refiner: 4096, judge: 64 }, rolePrompts(loadTemplates('production')));

describe('cutoffWarnings', () => {
  it('says nothing when every example fits', () => {
    expect(cutoffWarnings([record('Solve 2+3', '\\boxed{5}')], 64, budgets)).toEqual([]);
  });

  it('counts the examples that may be cut, and says what to change', () => {
    const short = record('Solve 2+3', '\\boxed{5}');
    const long = record('Solve 2+3', `${'step. '.repeat(100)}\\boxed{5}`);
    const [warning] = cutoffWarnings([short, long, long], 200, budgets);
    expect(warning).toContain('2 of 3 examples may be longer than cutoff_len 200 tokens');
    expect(warning).toContain(`up to ${CHAT_MARKUP_TOKENS + 9 + 609}`);
    expect(warning).toContain('training.kto.cutoff_len');
  });

  it('never warns in the production profile sizes, whatever the examples hold: the budgets bound them', () => {
    const huge = 'x'.repeat(1_000_000);
    expect(cutoffWarnings([record(huge, huge)], 10240, budgets)).toEqual([]);
  });
});
