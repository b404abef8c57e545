import { configSchema } from '@aero/config';
import { trainingEnv } from './training-env';

const llamafactory = (overrides: Record<string, unknown>) =>
  configSchema.parse({ training: { llamafactory: overrides } }).training.llamafactory;
const env = (overrides: Record<string, unknown>) => trainingEnv(llamafactory(overrides), 29511, 'run-1-r2');

describe('trainingEnv', () => {
  it('runs one GPU without torchrun, as rank 0 of one node, with the port it is given', () => {
    expect(env({})).toEqual({
      CUDA_VISIBLE_DEVICES: '0',
      FORCE_TORCHRUN: '0',
      NNODES: '1',
      NODE_RANK: '0',
      NPROC_PER_NODE: '1',
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: '29511',
      RDZV_ID: undefined,
    });
  });

  it('uses torchrun with one process per GPU for several GPUs', () => {
    expect(env({ gpus: '2,3,4,5' })).toMatchObject({ CUDA_VISIBLE_DEVICES: '2,3,4,5', FORCE_TORCHRUN: '1', NPROC_PER_NODE: '4' });
  });

  it('uses torchrun for DeepSpeed on one GPU (LLaMA-Factory refuses DeepSpeed without it)', () => {
    expect(env({ deepspeed: '/cfg/ds_z2.json' }).FORCE_TORCHRUN).toBe('1');
  });

  it('lets several nodes meet through the rendezvous of the job, which numbers them, and honours an explicit process count', () => {
    const multi = env({ gpus: '0', nnodes: 2, nproc_per_node: 8, master_addr: '10.0.0.5', master_port: 29511, launcher: ['srun'] });
    expect(multi).toEqual({
      CUDA_VISIBLE_DEVICES: '0',
      FORCE_TORCHRUN: '1',
      NNODES: '2',
      NODE_RANK: undefined,
      NPROC_PER_NODE: '8',
      MASTER_ADDR: '10.0.0.5',
      MASTER_PORT: '29511',
      RDZV_ID: 'run-1-r2',
    });
  });

  it('forces torchrun on one GPU when configured', () => {
    expect(env({ force_torchrun: true }).FORCE_TORCHRUN).toBe('1');
  });
});
