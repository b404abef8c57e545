/** The buffers AdamW updates; m and v live in shared memory so that worker threads can update ranges of them. */
export interface AdamState {
  readonly params: Float32Array;
  readonly m: Float32Array;
  readonly v: Float32Array;
  readonly decayMask: Uint8Array;
}

/** The scalars of one AdamW step, the same for every range of the parameters. */
export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** 1 - beta1^t and 1 - beta2^t, the bias corrections of step t. */
  c1: number;
  c2: number;
  /** lr * weight decay. */
  wd: number;
}

/** AdamW over the single flat parameter buffer; weight decay applies only to matrices (decayMask). */
export class AdamW {
  readonly state: AdamState;
  private t = 0;

  constructor(
    params: Float32Array,
    decayMask: Uint8Array,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.95,
    private readonly eps = 1e-8,
    private readonly weightDecay = 0.01,
  ) {
    const shared = (n: number): Float32Array => new Float32Array(new SharedArrayBuffer(4 * n));
    const mask = new Uint8Array(new SharedArrayBuffer(decayMask.length));
    mask.set(decayMask);
    this.state = { params, m: shared(params.length), v: shared(params.length), decayMask: mask };
  }

  /** Advances to the next step and returns its scalars; adamUpdate applies them to any range. */
  next(lr: number): AdamHyper {
    this.t++;
    const { beta1, beta2, eps } = this;
    return { lr, beta1, beta2, eps, c1: 1 - Math.pow(beta1, this.t), c2: 1 - Math.pow(beta2, this.t), wd: lr * this.weightDecay };
  }

  step(grads: Float32Array, lr: number): void {
    adamUpdate(this.state, grads, this.next(lr), 0, grads.length);
  }
}

/**
 * One AdamW step on parameters [lo, hi). Each element depends only on its own gradient and moments,
 * so any split of the range between threads gives the same bits as one pass.
 */
export function adamUpdate(s: AdamState, grads: Float32Array, h: AdamHyper, lo: number, hi: number): void {
  const { params, m, v, decayMask } = s;
  const { lr, beta1, beta2, eps, c1, c2, wd } = h;
  for (let i = lo; i < hi; i++) {
    const g = grads[i];
    const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g);
    const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g);
    params[i] -= lr * (mi / c1) / (Math.sqrt(vi / c2) + eps) + (decayMask[i] ? wd * params[i] : 0);
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
