import * as path from 'node:path';
import type { AeroConfig } from '@aero/config';
import { tsxRequireHook } from '@aero/process';
import { embeddedLaunchPlans } from '../domain/embedded-launch-plans';
import type { LaunchPlan } from '../domain/launch-plan';
import { vllmLaunchPlans } from '../domain/vllm-launch-plans';

/** The embedded engine's CLI; the gateway runs it as a process and never imports its code. */
const ENGINE_MAIN = path.resolve(__dirname, '../../../engine/src/main.ts');

/**
 * How the engine processes config.engine describes are started on a checkpoint (none for backend
 * openai); with `apiKey`, they want it on their /v1/* routes.
 */
export function launchPlansOf(engine: AeroConfig['engine'], apiKey?: string): (checkpoint: string) => LaunchPlan[] {
  return (checkpoint) => {
    if (engine.backend === 'openai') return [];
    return engine.backend === 'vllm'
      ? vllmLaunchPlans(checkpoint, {
          executable: engine.vllm.executable,
          servedModelName: engine.served_model_name,
          maxModelLen: engine.max_model_len,
          gpuGroups: engine.vllm.gpu_groups,
          portBase: engine.vllm.port_base,
          gpuMemoryUtilization: engine.vllm.gpu_memory_utilization,
          tensorParallelSize: engine.vllm.tensor_parallel_size,
          dataParallelSize: engine.vllm.data_parallel_size,
          seed: engine.vllm.seed,
          generationConfig: engine.vllm.generation_config,
          extraArgs: engine.vllm.extra_args,
          apiKey,
        })
      : embeddedLaunchPlans(checkpoint, {
          node: process.execPath,
          tsxRequire: tsxRequireHook(),
          engineMain: ENGINE_MAIN,
          servedModelName: engine.served_model_name,
          maxModelLen: engine.max_model_len,
          instances: engine.embedded.instances,
          seed: engine.embedded.seed,
          threads: engine.embedded.threads,
          apiKey,
        });
  };
}
