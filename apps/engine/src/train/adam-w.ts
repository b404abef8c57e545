/** AdamW over the single flat parameter buffer; weight decay applies only to matrices (decayMask). */
export class AdamW {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;

  constructor(
    private readonly params: Float32Array,
    private readonly decayMask: Uint8Array,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.95,
    private readonly eps = 1e-8,
    private readonly weightDecay = 0.01,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }

  step(grads: Float32Array, lr: number): void {
    this.t++;
    const { params, m, v, beta1, beta2, eps, decayMask } = this;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    const wd = lr * this.weightDecay;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g);
      const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g);
      params[i] -= lr * (mi / c1) / (Math.sqrt(vi / c2) + eps) + (decayMask[i] ? wd * params[i] : 0);
    }
  }
}

/** Scales grads so their global L2 norm is at most maxNorm; returns the norm before clipping. */
export function clipGradNorm(grads: Float32Array, maxNorm: number): number {
  let s = 0;
  for (let i = 0; i < grads.length; i++) s += grads[i] * grads[i];
  const norm = Math.sqrt(s);
  if (norm > maxNorm) {
    const k = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] *= k;
  }
  return norm;
}

/** Linear warm-up then cosine decay to minRatio of the peak (LLaMA-Factory's "cosine" has minRatio 0). */
export function learningRateAt(step: number, total: number, peak: number, warmupSteps: number, schedule: 'cosine' | 'linear' | 'constant', minRatio = 0): number {
  if (warmupSteps > 0 && step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  if (schedule === 'constant') return peak;
  const progress = Math.min(1, (step - warmupSteps) / Math.max(1, total - warmupSteps));
  const shape = schedule === 'linear' ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress));
  return peak * (minRatio + (1 - minRatio) * shape);
}
