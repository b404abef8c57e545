/** How to start one engine instance as a child process (argument array, never a shell line). */
export interface LaunchPlan {
  /** Stable instance id, e.g. "vllm-1"; also the name of its log file. */
  id: string;
  command: string;
  args: string[];
  /** Added to the gateway's environment. */
  env: Record<string, string>;
  /** Port the engine binds; 0 when it picks one and reports it on stdout. */
  port: number;
  /** CUDA_VISIBLE_DEVICES of the instance; empty for CPU engines. */
  gpus: string;
  /**
   * The running engine loads another checkpoint on POST /update_weights_from_disk, so a swap needs
   * no restart (the embedded engine). vLLM restarts: its successor needs the GPU memory back first.
   */
  updatesWeightsInPlace: boolean;
}
