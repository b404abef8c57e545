import { configSchema } from '@aero/config';
import { describeGlobalBatch, globalBatch } from './global-batch';
import { ktoSettings } from './kto-settings';

const batch = (training: Record<string, unknown>) => {
  const config = configSchema.parse({ training });
  return globalBatch(config.training, ktoSettings(config.training.kto, 0, undefined));
};

describe('globalBatch', () => {
  it("is the paper's 64 on eight GPUs at LLaMA-Factory's 1 × 8", () => {
    const b = batch({ backend: 'llamafactory', llamafactory: { gpus: '0,1,2,3,4,5,6,7' } });
    expect(b).toEqual({ perDevice: 1, accumulation: 8, processes: 8, nodes: 1, total: 64 });
    expect(describeGlobalBatch(b)).toBe('1 per device × 8 accumulation steps × 8 processes × 1 node(s) = 64');
  });

  it('counts every node and an explicit process count', () => {
    const llamafactory = { gpus: '0,1', nproc_per_node: 4, nnodes: 2, launcher: ['srun'], master_addr: '10.0.0.1', master_port: 29500 };
    expect(batch({ backend: 'llamafactory', llamafactory }).total).toBe(1 * 8 * 4 * 2);
  });

  it('is one process for the embedded engine, whatever the GPU settings', () => {
    expect(batch({ backend: 'embedded', kto: { per_device_train_batch_size: 8, gradient_accumulation_steps: 1 }, llamafactory: { gpus: '0,1' } }).total).toBe(8);
  });
});
