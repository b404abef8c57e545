import { vllmLaunchPlans, type VllmSettings } from './vllm-launch-plans';

const settings: VllmSettings = {
  executable: 'vllm',
  servedModelName: 'aero_model',
  maxModelLen: 10240,
  gpuGroups: ['0', '1'],
  portBase: 8001,
  gpuMemoryUtilization: 0.9,
  tensorParallelSize: 1,
  dataParallelSize: 1,
  generationConfig: 'vllm',
  extraArgs: [],
};

describe('vllmLaunchPlans', () => {
  it('starts one vllm serve per GPU group on port base + i with the AERO-SPEC flags', () => {
    const plans = vllmLaunchPlans('/runs/r1/merged', settings);
    expect(plans.map((p) => [p.id, p.port, p.gpus, p.env, p.updatesWeightsInPlace])).toEqual([
      ['vllm-0', 8001, '0', { CUDA_VISIBLE_DEVICES: '0' }, false],
      ['vllm-1', 8002, '1', { CUDA_VISIBLE_DEVICES: '1' }, false],
    ]);
    expect(plans[1].command).toBe('vllm');
    expect(plans[1].args).toEqual([
      'serve', '/runs/r1/merged',
      '--host', '127.0.0.1',
      '--port', '8002',
      '--served-model-name', 'aero_model',
      '--max-model-len', '10240',
      '--gpu-memory-utilization', '0.9',
      '--tensor-parallel-size', '1',
      '--generation-config', 'vllm',
    ]);
  });

  it('hands vLLM its API key in the environment, never on the command line', () => {
    const [plan] = vllmLaunchPlans('/runs/r1/merged', { ...settings, apiKey: 'k3y' });
    expect(plan.env).toEqual({ CUDA_VISIBLE_DEVICES: '0', VLLM_API_KEY: 'k3y' });
    expect(plan.args.join(' ')).not.toContain('k3y');
    expect(plan.args).not.toContain('--api-key');
  });

  it('adds data parallelism, the seed and the extra arguments when configured', () => {
    const [plan] = vllmLaunchPlans('Qwen/Qwen3-4B', {
      ...settings,
      gpuGroups: ['0,1,2,3'],
      tensorParallelSize: 2,
      dataParallelSize: 2,
      seed: 42,
      generationConfig: 'auto',
      extraArgs: ['--enforce-eager'],
    });
    expect(plan.args.slice(12)).toEqual([
      '--tensor-parallel-size', '2',
      '--data-parallel-size', '2',
      '--seed', '42',
      '--generation-config', 'auto',
      '--enforce-eager',
    ]);
    expect(plan.env.CUDA_VISIBLE_DEVICES).toBe('0,1,2,3');
  });
});
