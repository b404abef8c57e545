import type { AeroConfig } from '@aero/config';
import { InstanceState, type InstanceStatus } from '@aero/contracts';

/**
 * The GPUs a training job would share with the engines that serve now: those the gateway reports
 * for its running instances and training.llamafactory.gpus names too (GPU ids of this host, where
 * both run). Empty when the sets are disjoint, when training runs on the CPU (the embedded
 * engine), or when no engine runs.
 */
export function sharedGpus(instances: readonly InstanceStatus[], training: AeroConfig['training']): string[] {
  if (training.backend !== 'llamafactory') return [];
  const wanted = new Set(training.llamafactory.gpus.split(','));
  const serving = instances.filter((i) => i.state !== InstanceState.INSTANCE_STATE_STOPPED).flatMap((i) => (i.gpus ? i.gpus.split(',') : []));
  return [...new Set(serving.filter((gpu) => wanted.has(gpu)))].sort((a, b) => Number(a) - Number(b));
}
