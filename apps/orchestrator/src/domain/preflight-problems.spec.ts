import { configSchema } from '@aero/config';
import { preflightProblems, type HostFacts } from './preflight-problems';

const host = (have: string[], gpus: HostFacts['gpus']): HostFacts => ({ runnable: (name) => have.includes(name), gpus });
const config = (engine: Record<string, unknown>, training: Record<string, unknown>) => configSchema.parse({ engine, training });

describe('preflightProblems', () => {
  it('asks nothing of a host for the embedded engine and trainer', () => {
    expect(preflightProblems(config({ backend: 'embedded' }, { backend: 'embedded' }), host([], { error: 'nvidia-smi is not on PATH' }))).toEqual([]);
  });

  it('needs vllm and the GPUs of engine.vllm.gpu_groups for vLLM alone', () => {
    const vllm = config({ backend: 'vllm', vllm: { gpu_groups: ['0', '3'] } }, { backend: 'embedded' });
    expect(preflightProblems(vllm, host(['vllm'], 4))).toEqual([]);
    expect(preflightProblems(vllm, host([], 4))).toEqual(['vllm is not on PATH (engine.vllm.executable): install vLLM in the active Python environment']);
    expect(preflightProblems(vllm, host(['vllm'], 3))).toEqual(['3 GPU(s) visible, but the settings name GPU 3 (engine.vllm.gpu_groups, training.llamafactory.gpus)']);
  });

  it('needs llamafactory-cli and the GPUs of training.llamafactory.gpus for LLaMA-Factory, under the configured names', () => {
    const lf = config({ backend: 'openai', openai: { base_urls: ['http://h:8000/v1'] } }, { backend: 'llamafactory', llamafactory: { cli: '/opt/lf/bin/llamafactory-cli', gpus: '0,1' } });
    expect(preflightProblems(lf, host(['/opt/lf/bin/llamafactory-cli'], 2))).toEqual([]);
    expect(preflightProblems(lf, host([], { error: 'nvidia-smi -L failed: no devices' }))).toEqual([
      '/opt/lf/bin/llamafactory-cli is not on PATH (training.llamafactory.cli): install LLaMA-Factory in the active Python environment',
      'no GPU is visible (nvidia-smi -L failed: no devices); the settings name GPU 1',
    ]);
  });
});
