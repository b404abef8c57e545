import { lineChart } from './line-chart';
import type { KtoCurve } from './report-model';

/**
 * The KTO curves: loss and learning rate of every round by logging step, then per round its loss,
 * rewards of the desirable and undesirable examples and KL per step, where the trainer logged them.
 */
export function renderKto(kto: readonly KtoCurve[], roundLabels: readonly string[]): { charts: string[]; note: string } {
  const steps = Array.from({ length: Math.max(0, ...kto.map((k) => k.steps.length)) }, (_, i) => String(i + 1));
  const logged = (values: readonly (number | undefined)[]) => values.some((v) => v !== undefined);
  const perRound = kto.flatMap((k, i) =>
    logged(k.kl) || logged(k.rewardsChosen) || logged(k.rewardsRejected)
      ? [lineChart({ title: `${roundLabels[i]}: KTO loss, rewards and KL`, xLabel: 'step', categories: k.steps.map(String), series: [
          { name: 'loss', values: k.loss },
          { name: 'reward, desirable', values: k.rewardsChosen },
          { name: 'reward, undesirable', values: k.rewardsRejected },
          { name: 'KL', values: k.kl },
        ] })]
      : [],
  );
  const trained = kto.filter((k) => k.steps.length > 0).length;
  const missing = trained - perRound.length;
  return {
    charts: [
      lineChart({ title: 'KTO training loss', xLabel: 'logging step', categories: steps, series: kto.map((k, i) => ({ name: roundLabels[i], values: k.loss })) }),
      lineChart({ title: 'Learning rate', xLabel: 'logging step', categories: steps, series: kto.map((k, i) => ({ name: roundLabels[i], values: k.lr })) }),
      ...perRound,
    ],
    note: missing
      ? `<p class="muted">Rewards and KL are not in the journal for ${missing === trained ? 'any round' : `${missing} of ${trained} rounds`}: the trainer did not log them (runs from before they were journalled lack them, and LLaMA-Factory runs from before the trainer read them from its trainer_state.json).</p>`
      : '',
  };
}
