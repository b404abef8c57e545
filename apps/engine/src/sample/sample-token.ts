import { Rng } from '../util/rng';

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
  const probs = new Float64Array(V);
  let sum = 0;
  for (let v = 0; v < V; v++) sum += probs[v] = Math.exp((logits[off + v] - max) / temperature);
  let order: number[] = [];
  for (let v = 0; v < V; v++) order.push(v);
  if (topP < 1) {
    order.sort((a, b) => probs[b] - probs[a] || a - b);
    let cum = 0;
    let keep = 0;
    while (keep < V && cum < topP * sum) cum += probs[order[keep++]];
    order = order.slice(0, Math.max(1, keep));
    sum = cum;
  }
  let u = rng.float() * sum;
  for (const v of order) {
    u -= probs[v];
    if (u < 0) return v;
  }
  return order[order.length - 1];
}
