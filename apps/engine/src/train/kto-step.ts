import { ktoLoss } from './kto-loss';
import type { PolicyUpdate } from './policy-update';
import { ShardedModel, TrainDoc } from './sharded-model';

export interface KtoStepOptions {
  pref_beta: number;
  kto_chosen_weight: number;
  kto_rejected_weight: number;
  pref_ftx: number;
  max_grad_norm: number;
  lr: number;
}

/**
 * One optimizer step of KTO: forward passes of the reference and the policy, on the examples and on
 * the mismatched pairs that estimate the KL reference point, one backward pass of the policy on the
 * examples, and the policy's update (gradient clipping and AdamW, on every parameter or on a LoRA
 * adapter). The forward-only passes are dealt out together
 * (ShardedModel.logps); the policy forward on the examples runs last because the backward pass
 * reuses its activations. `referenceLogp`, when given, holds the reference model's
 * log-probabilities of `docs` from an earlier epoch (the reference is frozen), and that forward is skipped.
 */
export async function ktoStep(
  model: ShardedModel, update: PolicyUpdate, docs: readonly TrainDoc[], klDocs: readonly TrainDoc[], desirable: readonly boolean[], o: KtoStepOptions,
  referenceLogp?: Float64Array,
): Promise<ReturnType<typeof ktoLoss> & { referenceLogp: Float64Array }> {
  const [klRef, klPol, computed] = await model.logps([
    { docs: klDocs, which: 'reference' },
    { docs: klDocs, which: 'policy' },
    ...(referenceLogp ? [] : [{ docs, which: 'reference' as const }]),
  ]);
  const ref = referenceLogp ?? computed;
  const pol = await model.forward(docs, 'policy');
  const l = ktoLoss(pol.logp, ref, klPol, klRef, desirable, o.pref_beta, o.kto_chosen_weight, o.kto_rejected_weight, o.pref_ftx, pol.count);
  const grads = await model.backward(l.grad);
  await update.apply(grads, o.lr, o.max_grad_norm);
  return { ...l, referenceLogp: ref };
}
