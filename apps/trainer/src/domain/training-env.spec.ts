import { configSchema } from '@aero/config';
import { trainingEnv } from './training-env';

const llamafactory = (overrides: Record<string, unknown>) =>
  configSchema.parse({ training: { llamafactory: overrides } }).training.llamafactory;

describe('trainingEnv', () => {
  it('runs one GPU without torchrun', () => {
    expect(trainingEnv(llamafactory({}))).toEqual({
      CUDA_VISIBLE_DEVICES: '0',
      FORCE_TORCHRUN: '0',
      NNODES: '1',
      NODE_RANK: '0',
      NPROC_PER_NODE: '1',
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: '29500',
    });
  });

  it('uses torchrun with one process per GPU for several GPUs', () => {
    expect(trainingEnv(llamafactory({ gpus: '2,3,4,5' }))).toMatchObject({ CUDA_VISIBLE_DEVICES: '2,3,4,5', FORCE_TORCHRUN: '1', NPROC_PER_NODE: '4' });
  });

  it('describes a multi-node launch and honours an explicit process count', () => {
    const env = trainingEnv(
      llamafactory({ gpus: '0', nnodes: 2, node_rank: 1, nproc_per_node: 8, master_addr: '10.0.0.5', master_port: 29511 }),
    );
    expect(env).toEqual({
      CUDA_VISIBLE_DEVICES: '0',
      FORCE_TORCHRUN: '1',
      NNODES: '2',
      NODE_RANK: '1',
      NPROC_PER_NODE: '8',
      MASTER_ADDR: '10.0.0.5',
      MASTER_PORT: '29511',
    });
  });

  it('forces torchrun on one GPU when configured', () => {
    expect(trainingEnv(llamafactory({ force_torchrun: true })).FORCE_TORCHRUN).toBe('1');
  });
});
