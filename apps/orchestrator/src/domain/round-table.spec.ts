import { Role, Run } from '@aero/contracts';
import { formatTable } from './format-table';
import { roundTable } from './round-table';

describe('roundTable and formatTable', () => {
  const run = Run.fromPartial({
    baseline: [{ benchmark: 'arithmetic', pass_at_1: 0.412 }],
    round_summaries: [
      {
        round: 1, questions: 40, mastery: 20, zpd: 12, chaos: 8, icc_converged: 9, icc_diverged: 3, icc_unconfirmed: 2, train_loss: 0.69312,
        examples: [{ role: Role.ROLE_GENERATOR, label: true, count: 12 }, { role: Role.ROLE_GENERATOR, label: false, count: 28 }, { role: Role.ROLE_SOLVER, label: true, count: 9 }],
        dataset: { total: 40 },
        evaluations: [{ benchmark: 'arithmetic', pass_at_1: 0.45 }],
      },
    ],
  });

  it('has a row for the initial model and one per round', () => {
    const table = roundTable(run);
    expect(table.rows[0]).toEqual(['0 (initial)', '', '', '', '', '', '', '', '', '', '', '41.2%']);
    expect(table.rows[1]).toEqual(['1', '40', '20', '12', '8', '9/3/2', '12/28', '9/0', '0/0', '40', '0.6931', '45.0%']);
    expect(table.headers.at(-1)).toBe('arithmetic acc');
  });

  it('aligns the columns as text', () => {
    const lines = formatTable(roundTable(run)).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^─+/);
    expect(new Set(lines.map((l) => l.length)).size).toBeLessThanOrEqual(2);
    expect(lines[3]).toContain('45.0%');
  });
});
