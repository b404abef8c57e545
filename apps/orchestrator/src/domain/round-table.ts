import { Role, type Evaluation, type Run } from '@aero/contracts';

/** A table as headers and rows of cells. */
export interface Table {
  headers: string[];
  rows: string[][];
}

const percent = (v: number | undefined) => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * The per-round summary table shared by the CLI and the HTML report: questions per status, ICC,
 * examples per role (desirable/undesirable), dataset size, last training loss and accuracy per
 * benchmark; the first row is the initial model.
 */
export function roundTable(run: Run): Table {
  const benchmarks = [...new Set([...run.baseline, ...run.round_summaries.flatMap((s) => s.evaluations)].map((e) => e.benchmark))];
  const accuracy = (evaluations: Evaluation[]) =>
    benchmarks.map((b) => percent(evaluations.find((e) => e.benchmark === b)?.pass_at_1));
  const examples = (s: Run['round_summaries'][number], role: Role) => {
    if (s.examples.length === 0) return '–';
    const of = (label: boolean) => s.examples.find((e) => e.role === role && e.label === label)?.count ?? 0;
    return `${of(true)}/${of(false)}`;
  };
  const blank = new Array<string>(9).fill('');
  return {
    headers: [
      'round', 'questions', 'mastery', 'zpd', 'chaos', 'ICC conv/div/unconf',
      'generator +/−', 'solver +/−', 'refiner +/−', 'dataset', 'train loss',
      ...benchmarks.map((b) => `${b} acc`),
    ],
    rows: [
      ['0 (initial)', ...blank, '', ...accuracy(run.baseline)],
      ...run.round_summaries.map((s) => [
        String(s.round),
        s.rejected ? `${s.questions} (${s.rejected} refused)` : String(s.questions),
        String(s.mastery),
        String(s.zpd),
        String(s.chaos),
        `${s.icc_converged}/${s.icc_diverged}/${s.icc_unconfirmed}`,
        examples(s, Role.ROLE_GENERATOR),
        examples(s, Role.ROLE_SOLVER),
        examples(s, Role.ROLE_REFINER),
        s.dataset ? String(s.dataset.total) : '–',
        s.train_loss === undefined ? '–' : s.train_loss.toFixed(4),
        ...accuracy(s.evaluations),
      ]),
    ],
  };
}
