import type { AeroConfig } from '@aero/config';

/**
 * The environment `llamafactory-cli train` reads to place the job: the GPUs, whether torchrun runs
 * (several GPUs, several nodes, DeepSpeed, which LLaMA-Factory refuses without it, or forced), the
 * processes per node and the rendezvous. One node is rank 0 of its own; several nodes, each started
 * by the launcher with this same environment, meet through torchrun's rendezvous (RDZV_ID), which
 * numbers them. Every variable LLaMA-Factory reads is set or removed (undefined), so nothing
 * inherited from the trainer's own environment changes the launch.
 */
export function trainingEnv(
  llamafactory: AeroConfig['training']['llamafactory'],
  masterPort: number,
  jobId: string,
): Record<string, string | undefined> {
  const gpuCount = llamafactory.gpus.split(',').length;
  const multiNode = llamafactory.nnodes > 1;
  const torchrun = llamafactory.force_torchrun || multiNode || gpuCount > 1 || llamafactory.deepspeed !== '';
  return {
    CUDA_VISIBLE_DEVICES: llamafactory.gpus,
    FORCE_TORCHRUN: torchrun ? '1' : '0',
    NNODES: String(llamafactory.nnodes),
    NODE_RANK: multiNode ? undefined : '0',
    NPROC_PER_NODE: String(llamafactory.nproc_per_node > 0 ? llamafactory.nproc_per_node : gpuCount),
    MASTER_ADDR: llamafactory.master_addr,
    MASTER_PORT: String(masterPort),
    RDZV_ID: multiNode ? jobId : undefined,
  };
}
