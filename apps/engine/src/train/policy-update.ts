import { AdamW, clipGradNorm } from './adam-w';
import type { ShardedModel } from './sharded-model';

/**
 * How one step's gradient changes the policy: every parameter (FullUpdate) or a LoRA adapter merged
 * into it (LoraAdapter). Each clips the gradient of what it trains, as a PEFT model clips only its
 * trainable parameters.
 */
export interface PolicyUpdate {
  apply(grads: Float32Array, lr: number, maxGradNorm: number): Promise<void>;
}

/** Full-parameter AdamW on the model's policy, its update split between the model's worker threads. */
export class FullUpdate implements PolicyUpdate {
  constructor(private readonly model: ShardedModel, private readonly adam: AdamW) {}

  async apply(grads: Float32Array, lr: number, maxGradNorm: number): Promise<void> {
    clipGradNorm(grads, maxGradNorm);
    await this.model.optimizerStep(this.adam, grads, lr);
  }
}
