import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';

// `aero run --dry-run` as a person types it, on the shipped production profile: it prints what a
// GPU run would start and write, and starts nothing (no vllm or llamafactory-cli here to start).

const aero = (...args: string[]) => aeroWith({ PATH: '/usr/bin:/bin' }, ...args);
const aeroWith = (env: Record<string, string>, ...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), 'run', ...args], {
    cwd: repoRoot,
    reject: false,
    stdin: 'ignore',
    env,
    extendEnv: false,
  });

/** A folder of stand-ins for vllm and llamafactory-cli, and an nvidia-smi that lists `gpus` GPUs. */
function standIns(gpus: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-'));
  const script = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  script('vllm', 'exit 0');
  script('llamafactory-cli', 'exit 0');
  script('nvidia-smi', Array.from({ length: gpus }, (_, i) => `echo "GPU ${i}: NVIDIA H100 80GB HBM3 (UUID: GPU-${i})"`).join('\n'));
  return dir;
}

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

  it('checks the host before a GPU run: a dry run says what a real run would stop on; the real run refuses in one line and creates no run', async () => {
    const dry = await aero('--profile', 'production', '--dry-run');
    expect(dry.stdout).toContain(
      '  preflight: a real run would stop here: vllm is not on PATH (engine.vllm.executable): install vLLM in the active Python environment; ' +
        'llamafactory-cli is not on PATH (training.llamafactory.cli): install LLaMA-Factory in the active Python environment; ' +
        'no GPU is visible (nvidia-smi is not on PATH); the settings name GPU 7',
    );
    const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-runs-'));
    const real = await aeroWith({ PATH: '/usr/bin:/bin', AERO__RUNS_DIR: runsDir }, '--profile', 'production', '--name', 'refused');
    expect(real.exitCode).toBe(1);
    expect(real.stderr).toMatch(/^error: this host cannot run this config: vllm is not on PATH \(engine\.vllm\.executable\)[^\n]*\n?$/);
    expect(real.stdout).not.toContain('local mode');
    expect(fs.readdirSync(runsDir)).toEqual([]);

    const eight = await aeroWith({ PATH: `${standIns(8)}:/usr/bin:/bin` }, '--profile', 'production', '--dry-run');
    expect(eight.stdout).toContain('  preflight: this host has what the config needs');
    const two = await aeroWith({ PATH: `${standIns(2)}:/usr/bin:/bin` }, '--profile', 'production', '--dry-run');
    expect(two.stdout).toContain('  preflight: a real run would stop here: 2 GPU(s) visible, but the settings name GPU 7 (engine.vllm.gpu_groups, training.llamafactory.gpus)');
  }, 120_000);

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
