import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';

// `aero run --dry-run` as a person types it, on the shipped production profile: it prints what a
// GPU run would start and write, and starts nothing (no vllm or llamafactory-cli here to start).

const aero = (...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), 'run', ...args], {
    cwd: repoRoot,
    reject: false,
    stdin: 'ignore',
    env: { PATH: '/usr/bin:/bin' },
  });

describe('aero run --profile production --dry-run', () => {
  it("prints the paper's settings: 8 vllm serve lines, the LLaMA-Factory YAML with the served template, the global batch, dataset_info.json", async () => {
    const { exitCode, stdout, stderr } = await aero('--profile', 'production', '--dry-run', '--name', 'paper');
    expect([exitCode, stderr]).toEqual([0, '']);
    expect(stdout).toContain('5 rounds × 1000 problems × 16 samples; initial model Qwen/Qwen3-8B-Base');
    expect(stdout).toContain('longest request 9542 tokens (refiner) of 10240; longest example 9542 of cutoff_len 10240');
    const serves = stdout.split('\n').filter((l) => l.includes(' vllm serve '));
    expect(serves).toHaveLength(8);
    expect(serves[7]).toBe(
      '  CUDA_VISIBLE_DEVICES=7 vllm serve Qwen/Qwen3-8B-Base --host 127.0.0.1 --port 8008 --served-model-name aero_model --max-model-len 10240 ' +
        '--gpu-memory-utilization 0.9 --tensor-parallel-size 1 --generation-config auto',
    );
    expect(stdout).toContain('chat_template_kwargs {"enable_thinking": false}, stop_token_ids of <|im_end|>');
    expect(stdout).toContain('global batch: 1 per device × 8 accumulation steps × 8 processes × 1 node(s) = 64');
    expect(stdout).toMatch(/FORCE_TORCHRUN=1 .*MASTER_PORT=<a free port, picked when the job starts> llamafactory-cli train \S+\/runs\/paper\/training\/r1\/train\.yaml/);
    for (const line of ['model_name_or_path: "Qwen/Qwen3-8B-Base"', 'template: "qwen3"\nenable_thinking: false', 'lora_rank: 16', 'pref_beta: 0.1', 'pref_ftx: 0.0',
      'learning_rate: 5.0e-06', 'num_train_epochs: 3.0', 'cutoff_len: 10240', 'lora_target: "all"']) {
      expect(stdout).toContain(line);
    }
    expect(stdout).toMatch(/--- \S+\/runs\/paper\/datasets\/dataset_info\.json\n\{\n {2}"aero_r1": \{\n {4}"file_name": "aero_r1\.jsonl",\n {4}"formatting": "sharegpt"/);
  }, 60_000);

  it('sizes a smoke run down to 1 round of 16 problems with 4 samples on the model it is given', async () => {
    const { exitCode, stdout } = await aero('--profile', 'production', '--smoke', 'Qwen/Qwen3-0.6B-Base', '--dry-run');
    expect(exitCode).toBe(0);
    expect(stdout).toContain('1 rounds × 16 problems × 4 samples; initial model Qwen/Qwen3-0.6B-Base');
    expect(stdout).toContain('vllm serve Qwen/Qwen3-0.6B-Base ');
    expect(stdout).toContain('model_name_or_path: "Qwen/Qwen3-0.6B-Base"');
  }, 60_000);

  it('refuses, with one error naming the key, a profile that does not fit itself', async () => {
    const { exitCode, stdout, stderr } = await aero('--profile', 'production', '--dry-run', '--set', 'training.kto.cutoff_len=4096');
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: \S+config\.production\.yaml does not fit itself:\n {2}training\.kto\.cutoff_len: a refiner example can be 9542 tokens long, more than 4096/);
  }, 60_000);
});
