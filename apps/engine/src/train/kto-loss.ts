/**
 * KTO with the sigmoid value function (Ethayarajh et al.; TRL / LLaMA-Factory "sigmoid"):
 * r = log pi(y|x) - log ref(y|x); z0 = max(0, mean of r over mismatched (x, y') pairs), a detached
 * reference point; desirable loss w_D (1 - s(beta (r - z0))), undesirable w_U (1 - s(beta (z0 - r))),
 * averaged over the batch. With ftx > 0 (LLaMA-Factory's pref_ftx) the mean per-token negative
 * log-likelihood of the desirable completions is added, times ftx: the sigmoid terms alone move a
 * right and a wrong derivation of the same problem apart but let both fall, and a small model then
 * forgets what it knew. Returns the loss and d(loss)/d(log pi(y|x)) per example.
 */
export function ktoLoss(
  policy: Float64Array, reference: Float64Array, klPolicy: Float64Array, klReference: Float64Array,
  desirable: readonly boolean[], beta: number, wDesirable: number, wUndesirable: number,
  ftx = 0, lengths?: ArrayLike<number>,
): { loss: number; grad: Float64Array; kl: number; chosenReward: number; rejectedReward: number } {
  let kl = 0;
  for (let i = 0; i < klPolicy.length; i++) kl += klPolicy[i] - klReference[i];
  kl = Math.max(0, kl / Math.max(1, klPolicy.length));
  const n = policy.length;
  const grad = new Float64Array(n);
  let loss = 0;
  let chosen = 0;
  let rejected = 0;
  let nChosen = 0;
  for (let i = 0; i < n; i++) {
    const r = policy[i] - reference[i];
    if (desirable[i]) {
      const s = sigmoid(beta * (r - kl));
      loss += wDesirable * (1 - s);
      grad[i] = (-wDesirable * beta * s * (1 - s)) / n;
      if (ftx > 0) {
        const len = Math.max(1, lengths?.[i] ?? 1);
        loss -= (ftx * policy[i]) / len;
        grad[i] -= ftx / len / n;
      }
      chosen += beta * r;
      nChosen++;
    } else {
      const s = sigmoid(beta * (kl - r));
      loss += wUndesirable * (1 - s);
      grad[i] = (wUndesirable * beta * s * (1 - s)) / n;
      rejected += beta * r;
    }
  }
  return { loss: loss / n, grad, kl, chosenReward: nChosen ? chosen / nChosen : 0, rejectedReward: n > nChosen ? rejected / (n - nChosen) : 0 };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
