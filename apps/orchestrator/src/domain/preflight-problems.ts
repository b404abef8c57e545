import type { AeroConfig } from '@aero/config';

/** What the preflight found on this host. */
export interface HostFacts {
  /** Whether an executable of that name (or path) can be run. */
  runnable(executable: string): boolean;
  /** GPUs the NVIDIA driver lists, or why none could be listed. */
  gpus: number | { error: string };
}

/**
 * What keeps a local-mode run from starting its engines or its training on this host, one sentence
 * each, checked before any run is created: the executables of the GPU backends and the GPUs their
 * settings name. Empty for the embedded engine, which needs neither.
 */
export function preflightProblems(config: AeroConfig, host: HostFacts): string[] {
  const problems: string[] = [];
  const gpuIds: number[] = [];
  if (config.engine.backend === 'vllm') {
    const { executable, gpu_groups } = config.engine.vllm;
    if (!host.runnable(executable)) problems.push(`${executable} is not on PATH (engine.vllm.executable): install vLLM in the active Python environment`);
    gpuIds.push(...gpu_groups.flatMap((group) => group.split(',').map(Number)));
  }
  if (config.training.backend === 'llamafactory') {
    const { cli, gpus } = config.training.llamafactory;
    if (!host.runnable(cli)) problems.push(`${cli} is not on PATH (training.llamafactory.cli): install LLaMA-Factory in the active Python environment`);
    gpuIds.push(...gpus.split(',').map(Number));
  }
  if (gpuIds.length > 0) {
    const needed = Math.max(...gpuIds) + 1;
    if (typeof host.gpus !== 'number') problems.push(`no GPU is visible (${host.gpus.error}); the settings name GPU ${Math.max(...gpuIds)}`);
    else if (host.gpus < needed) problems.push(`${host.gpus} GPU(s) visible, but the settings name GPU ${needed - 1} (engine.vllm.gpu_groups, training.llamafactory.gpus)`);
  }
  return problems;
}
