import { engineKeyEnv } from './engine-key-env';
import type { LaunchPlan } from './launch-plan';

export interface VllmSettings {
  executable: string;
  servedModelName: string;
  maxModelLen: number;
  gpuGroups: readonly string[];
  portBase: number;
  gpuMemoryUtilization: number;
  tensorParallelSize: number;
  dataParallelSize: number;
  seed?: number;
  /** `vllm`: sampling is exactly what requests say; `auto`: the checkpoint's generation_config fills in the rest. */
  generationConfig: 'vllm' | 'auto';
  extraArgs: readonly string[];
  /** Key vLLM wants on /v1/* (gRPC auth on); none leaves its API open. */
  apiKey?: string;
}

/**
 * One `vllm serve` per GPU group (AERO-SPEC 4): CUDA_VISIBLE_DEVICES = the group, port base + i,
 * bound to loopback because only the gateway talks to engines. `--generation-config vllm` (the
 * default) keeps the checkpoint's generation_config.json from changing the sampling that entropy is
 * measured under; `auto` samples as the original AERO did, with the checkpoint's defaults.
 */
export function vllmLaunchPlans(checkpoint: string, s: VllmSettings): LaunchPlan[] {
  return s.gpuGroups.map((gpus, i) => {
    const port = s.portBase + i;
    return {
      id: `vllm-${i}`,
      command: s.executable,
      args: [
        'serve', checkpoint,
        '--host', '127.0.0.1',
        '--port', String(port),
        '--served-model-name', s.servedModelName,
        '--max-model-len', String(s.maxModelLen),
        '--gpu-memory-utilization', String(s.gpuMemoryUtilization),
        '--tensor-parallel-size', String(s.tensorParallelSize),
        ...(s.dataParallelSize > 1 ? ['--data-parallel-size', String(s.dataParallelSize)] : []),
        ...(s.seed !== undefined ? ['--seed', String(s.seed)] : []),
        '--generation-config', s.generationConfig,
        ...s.extraArgs,
      ],
      env: { CUDA_VISIBLE_DEVICES: gpus, ...engineKeyEnv(s.apiKey) },
      port,
      gpus,
      updatesWeightsInPlace: false,
    };
  });
}
