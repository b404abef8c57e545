import { Rng } from '../util/rng';

/**
 * Scratch for the unnormalised probabilities: the decode loop calls sampleToken once per generated
 * token, and a fresh array per call was 5% of the engine's time in a round (CPU profile).
 */
let scratch = new Float64Array(0);

/**
 * Next token from one row of logits: argmax at temperature 0 (lowest index on ties), otherwise
 * softmax at the temperature restricted to the top_p nucleus, drawn with one rng.float().
 */
export function sampleToken(logits: Float32Array, off: number, V: number, temperature: number, topP: number, rng: Rng): number {
  if (temperature <= 0) {
    let best = 0;
    for (let v = 1; v < V; v++) if (logits[off + v] > logits[off + best]) best = v;
    return best;
  }
  let max = -Infinity;
  for (let v = 0; v < V; v++) max = Math.max(max, logits[off + v]);
  if (scratch.length < V) scratch = new Float64Array(V);
  const probs = scratch;
  let sum = 0;
  for (let v = 0; v < V; v++) sum += probs[v] = Math.exp((logits[off + v] - max) / temperature);
  if (topP >= 1) {
    // The whole vocabulary in index order: no order to build.
    let u = rng.float() * sum;
    for (let v = 0; v < V; v++) {
      u -= probs[v];
      if (u < 0) return v;
    }
    return V - 1;
  }
  const order = Array.from({ length: V }, (_, v) => v).sort((a, b) => probs[b] - probs[a] || a - b);
  let cum = 0;
  let keep = 0;
  while (keep < V && cum < topP * sum) cum += probs[order[keep++]];
  const nucleus = order.slice(0, Math.max(1, keep));
  let u = rng.float() * cum;
  for (const v of nucleus) {
    u -= probs[v];
    if (u < 0) return v;
  }
  return nucleus[nucleus.length - 1];
}
