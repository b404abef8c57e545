import type { AeroConfig } from '@aero/config';

/**
 * The environment `llamafactory-cli train` reads to place the job: the GPUs, and when torchrun runs
 * (several GPUs, several nodes, or forced) the node layout and rendezvous address. Every variable is
 * always set, so nothing inherited from the trainer's own environment leaks into the launch.
 */
export function trainingEnv(llamafactory: AeroConfig['training']['llamafactory']): Record<string, string> {
  const gpuCount = llamafactory.gpus.split(',').length;
  const torchrun = llamafactory.force_torchrun || llamafactory.nnodes > 1 || gpuCount > 1;
  return {
    CUDA_VISIBLE_DEVICES: llamafactory.gpus,
    FORCE_TORCHRUN: torchrun ? '1' : '0',
    NNODES: String(llamafactory.nnodes),
    NODE_RANK: String(llamafactory.node_rank),
    NPROC_PER_NODE: String(llamafactory.nproc_per_node > 0 ? llamafactory.nproc_per_node : gpuCount),
    MASTER_ADDR: llamafactory.master_addr,
    MASTER_PORT: String(llamafactory.master_port),
  };
}
