import type { AeroConfig } from '@aero/config';
import type { KtoSettings } from './kto-settings';

/** The examples one optimizer step sees, and what they are made of. */
export interface GlobalBatch {
  perDevice: number;
  accumulation: number;
  /** Training processes per node (one per GPU unless configured). */
  processes: number;
  nodes: number;
  total: number;
}

/** per_device_train_batch_size × gradient_accumulation_steps × processes per node × nodes. */
export function globalBatch(training: AeroConfig['training'], settings: KtoSettings): GlobalBatch {
  const lf = training.llamafactory;
  const llamafactory = training.backend === 'llamafactory';
  const processes = llamafactory ? lf.nproc_per_node || lf.gpus.split(',').length : 1;
  const nodes = llamafactory ? lf.nnodes : 1;
  const perDevice = settings.per_device_train_batch_size;
  const accumulation = settings.gradient_accumulation_steps;
  return { perDevice, accumulation, processes, nodes, total: perDevice * accumulation * processes * nodes };
}

export function describeGlobalBatch(b: GlobalBatch): string {
  return `${b.perDevice} per device × ${b.accumulation} accumulation steps × ${b.processes} processes × ${b.nodes} node(s) = ${b.total}`;
}
