import { ModelConfig } from '../model/model-config';
import { AdamW } from './adam-w';
import { packDocuments, PackedBatch } from '../model/train-graph';
import { InlineExecutor, ShardExecutor, Which, WorkerExecutor } from './shard-executor';

export interface TrainDoc {
  tokens: readonly number[];
  /** Index of the first token that is scored (the completion's first token). */
  lossFrom: number;
  /** Position of the first token (0 unless training shifts documents to learn position-free skills). */
  posOffset?: number;
}

interface Shard {
  batch: PackedBatch;
  /** docOf[i] = index (into the docs of the call) of position i's document. */
  docOf: Int32Array;
}

/**
 * The policy (and optionally a frozen reference) in shared memory, with a fixed partition of every
 * batch into contiguous, token-balanced shards run on worker threads. The partition depends only on
 * the documents, and per-shard gradients are summed in shard order, so runs are reproducible.
 */
export class ShardedModel {
  readonly policy: Float32Array;
  readonly reference: Float32Array;
  private readonly executors: ShardExecutor[];
  private readonly gradSum: Float32Array;
  private shards: Shard[] = [];
  /** Whether the executors hold the activations of the last forward() of the policy, which backward() needs. */
  private backwardReady = false;

  constructor(readonly cfg: ModelConfig, initial: Float32Array, reference: Float32Array | null, workers: number) {
    const shared = (src: Float32Array): Float32Array => {
      const buf = new Float32Array(new SharedArrayBuffer(src.byteLength));
      buf.set(src);
      return buf;
    };
    this.policy = shared(initial);
    this.reference = reference ? shared(reference) : new Float32Array(new SharedArrayBuffer(4));
    const n = Math.max(1, workers);
    this.executors = Array.from({ length: n }, () =>
      workers > 0
        ? new WorkerExecutor({ cfg, policy: this.policy.buffer as SharedArrayBuffer, reference: this.reference.buffer as SharedArrayBuffer })
        : new InlineExecutor(cfg, { policy: this.policy, reference: this.reference }),
    );
    // Shared, so that the worker threads read it in optimizerStep.
    this.gradSum = new Float32Array(new SharedArrayBuffer(4 * initial.length));
  }

  /** Sum of scored-token log-probabilities per document, and the number of scored tokens. */
  async forward(docs: readonly TrainDoc[], which: Which): Promise<{ logp: Float64Array; count: Int32Array }> {
    this.shards = partition(docs, this.executors.length);
    this.backwardReady = which === 'policy';
    const results = await Promise.all(this.shards.map((s, k) => this.executors[k].forward(s.batch, which)));
    const logp = new Float64Array(docs.length);
    const count = new Int32Array(docs.length);
    this.shards.forEach((s, k) => addPerDocument(s, results[k], logp, count));
    return { logp, count };
  }

  /**
   * Sums of scored-token log-probabilities of forward-only passes (the reference's, and the
   * policy's where no backward follows), one array per pass. Each document's sum does not depend on
   * which shard or batch computes it, bit for bit, so the documents of all the passes are dealt to
   * the executors by estimated cost, longest first, each to the least loaded: on 2 workers one
   * shared deal instead of a contiguous split per pass keeps both busy. The executors' activations
   * are then those of these passes: backward() needs a forward() of the policy after them.
   */
  async logps(passes: readonly { docs: readonly TrainDoc[]; which: Which }[]): Promise<Float64Array[]> {
    const docs = passes.flatMap((p) => p.docs);
    const which = passes.flatMap((p) => p.docs.map(() => p.which));
    const load = this.executors.map(() => 0);
    const dealt = this.executors.map((): number[] => []);
    const cost = docs.map((d) => forwardCost(d, this.cfg.dModel));
    for (const i of docs.map((_, i) => i).sort((a, b) => cost[b] - cost[a])) {
      const k = load.indexOf(Math.min(...load));
      dealt[k].push(i);
      load[k] += cost[i];
    }
    const logp = new Float64Array(docs.length);
    this.backwardReady = false;
    await Promise.all(
      dealt.map(async (mine, k) => {
        for (const w of ['reference', 'policy'] as const) {
          const ids = mine.filter((i) => which[i] === w);
          if (ids.length === 0) continue;
          const shard = shardOf(docs, ids);
          addPerDocument(shard, await this.executors[k].forward(shard.batch, w), logp);
        }
      }),
    );
    let at = 0;
    return passes.map((p) => logp.subarray(at, (at += p.docs.length)));
  }

  /**
   * Gradient of sum_d coef[d] * logp[d] over the documents of the last policy forward; returns the
   * summed gradient buffer (valid until the next call).
   */
  async backward(coef: Float64Array): Promise<Float32Array> {
    if (!this.backwardReady) throw new Error('backward: the last forward pass was not forward() of the policy');
    for (const e of this.executors) e.grads.fill(0);
    await Promise.all(
      this.shards.map((s, k) => {
        const dlogp = new Float32Array(s.batch.tokens.length);
        for (let i = 0; i < dlogp.length; i++) dlogp[i] = coef[s.docOf[i]];
        return this.executors[k].backward(dlogp);
      }),
    );
    this.gradSum.set(this.executors[0].grads);
    for (let k = 1; k < this.executors.length; k++) {
      const g = this.executors[k].grads;
      for (let i = 0; i < g.length; i++) this.gradSum[i] += g[i];
    }
    return this.gradSum;
  }

  /**
   * AdamW's step on the policy, its parameters split into one contiguous range per executor: on 2
   * workers the update (3 ms of a 150 ms KTO step on the main thread) no longer waits alone.
   */
  async optimizerStep(adam: AdamW, grads: Float32Array, lr: number): Promise<void> {
    if (adam.state.params !== this.policy) throw new Error('optimizerStep: the optimizer must update this model\'s policy');
    const hyper = adam.next(lr);
    const { m, v, decayMask } = adam.state;
    const n = this.policy.length;
    const k = this.executors.length;
    await Promise.all(this.executors.map((e, i) => e.adam({ m, v, decayMask, grads, hyper, lo: Math.floor((n * i) / k), hi: Math.floor((n * (i + 1)) / k) })));
  }

  async close(): Promise<void> {
    await Promise.all(this.executors.map((e) => e.close()));
  }
}

/** Multiply-adds of a forward pass over a document, in units of dModel: the linear layers (12 d^2 a token) and attention (2 d a visible position). */
function forwardCost(doc: TrainDoc, dModel: number): number {
  const n = doc.tokens.length - 1;
  return n * (12 * dModel + n);
}

function partition(docs: readonly TrainDoc[], k: number): Shard[] {
  const total = docs.reduce((s, d) => s + d.tokens.length - 1, 0);
  const groups: number[][] = [[]];
  let acc = 0;
  docs.forEach((d, i) => {
    const boundary = (total * groups.length) / k;
    if (acc >= boundary && groups.length < k && groups[groups.length - 1].length > 0) groups.push([]);
    groups[groups.length - 1].push(i);
    acc += d.tokens.length - 1;
  });
  return groups.map((idx) => shardOf(docs, idx));
}

/** docs[ids] packed in that order, each position tagged with its document's index into docs. */
function shardOf(docs: readonly TrainDoc[], ids: readonly number[]): Shard {
  const batch = packDocuments(ids.map((i) => docs[i]));
  const docOf = new Int32Array(batch.tokens.length);
  let at = 0;
  for (const i of ids) for (let t = 0; t < docs[i].tokens.length - 1; t++) docOf[at++] = i;
  return { batch, docOf };
}

/** Adds a shard's scored log-probabilities (and their number) to its documents', position by position. */
function addPerDocument(shard: Shard, r: Float32Array, logp: Float64Array, count?: Int32Array): void {
  for (let i = 0; i < r.length; i++) {
    if (shard.batch.targets[i] < 0) continue;
    logp[shard.docOf[i]] += r[i];
    if (count) count[shard.docOf[i]]++;
  }
}
