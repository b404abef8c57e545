import { configSchema } from '@aero/config';
import { describeServing } from './describe-serving';
import type { LaunchPlan } from './launch-plan';

describe('describeServing', () => {
  it('prints every engine command with its GPUs, quoted where needed, then what chat requests carry', () => {
    const engine = configSchema.parse({
      engine: {
        backend: 'vllm',
        model: 'Qwen/Qwen3-8B-Base',
        chat_template: { name: 'qwen3' },
        sampling: { top_p: { solver: 0.95 } },
        vllm: { gpu_groups: ['0', '1'], generation_config: 'auto' },
      },
    }).engine;
    const plan = (i: number): LaunchPlan => ({
      id: `vllm-${i}`,
      command: 'vllm',
      args: ['serve', engine.model, '--port', String(8001 + i), '--chat-template', 'my template.jinja'],
      env: { CUDA_VISIBLE_DEVICES: String(i) },
      port: 8001 + i,
      gpus: String(i),
      updatesWeightsInPlace: false,
    });
    const plans = [plan(0), plan(1)];
    expect(describeServing(engine, plans).split('\n')).toEqual([
      'Serving (inference gateway, backend vllm): Qwen/Qwen3-8B-Base as "aero_model", context 10240 tokens',
      '  CUDA_VISIBLE_DEVICES=0 vllm serve Qwen/Qwen3-8B-Base --port 8001 --chat-template "my template.jinja"',
      '  CUDA_VISIBLE_DEVICES=1 vllm serve Qwen/Qwen3-8B-Base --port 8002 --chat-template "my template.jinja"',
      '  chat requests: template qwen3, chat_template_kwargs {"enable_thinking": false}, stop_token_ids of <|im_end|> (looked up with POST /tokenize)',
      "  generator: top_p the checkpoint's generation_config, top_k the checkpoint's generation_config",
      "  solver: top_p 0.95, top_k the checkpoint's generation_config",
      "  refiner: top_p the checkpoint's generation_config, top_k the checkpoint's generation_config",
      "  judge: top_p the checkpoint's generation_config, top_k the checkpoint's generation_config",
    ]);
  });

  it('names remote endpoints, which it does not start', () => {
    const engine = configSchema.parse({ engine: { backend: 'openai', openai: { base_urls: ['http://gpu-host:8000/v1'] } } }).engine;
    expect(describeServing(engine, []).split('\n').slice(0, 3)).toEqual([
      `Serving (inference gateway, backend openai): ${engine.model} as "aero_model", context 10240 tokens`,
      '  remote endpoint http://gpu-host:8000/v1',
      '  chat requests: template embedded, no chat_template_kwargs, no stop tokens',
    ]);
  });
});
