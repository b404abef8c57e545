import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function writeConfig(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-config-'));
  const file = path.join(dir, 'config.yaml');
  fs.writeFileSync(file, yaml);
  return file;
}

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** The config `yaml` is refused with an error about `key` alone, named in its message. */
function expectRefusedNaming(yaml: string, key: string): void {
  const error = configErrorOf(() => loadConfig({ file: writeConfig(yaml), env: {} }));
  expect(error.keys).toEqual([key]);
  expect(error.message).toContain(key);
}

describe('loadConfig', () => {
  it('fills every AERO-SPEC section 5 default when the file is empty', () => {
    const config = loadConfig({ file: writeConfig(''), env: {} });
    expect(config.aero).toMatchObject({
      rounds: 5,
      questions_per_round: 1000,
      sampling_n: 16,
      use_staggered_training: true,
      replay_pool_size: 500,
      kto_replay_ratios: { generator: 0, solver: 0.7, refiner: 0.3 },
      kto_weights: { generator: 1, solver: 1, refiner: 1 },
      zpd: { mastery_below: 0.3, chaos_above: 0.7 },
      temperatures: { generator: 1, solver: 1, refiner: 0.1, judge: 0 },
    });
    expect(config.engine.backend).toBe('embedded');
  });

  it('names an unknown key, however deep', () => {
    const error = configErrorOf(() => loadConfig({ file: writeConfig('aero:\n  roundz: 3\n'), env: {} }));
    expect(error.keys).toEqual(['aero.roundz']);
    expect(error.message).toContain('aero.roundz');
  });

  it('names a mistyped value', () => {
    const error = configErrorOf(() => loadConfig({ file: writeConfig('aero:\n  sampling_n: many\n'), env: {} }));
    expect(error.keys).toEqual(['aero.sampling_n']);
  });

  it.each([
    ['aero:\n  labeller: vote\n', 'aero.labeller'],
    ['aero:\n  generator_undesirable_cap: -1\n', 'aero.generator_undesirable_cap'],
    // Values BuildDataset, GenerateQuestions and Train would refuse in the middle of a run.
    ['aero:\n  kto_weights: { generator: 1e9 }\n', 'aero.kto_weights.generator'],
    ['aero:\n  kto_replay_ratios: { solver: -0.7 }\n', 'aero.kto_replay_ratios.solver'],
    ['aero:\n  concurrency: 512\n', 'aero.concurrency'],
    ['aero:\n  seed: 4294967296\n', 'aero.seed'],
    ['evaluation:\n  concurrency: 0\n', 'evaluation.concurrency'],
    ['evaluation:\n  concurrency: 5000\n', 'evaluation.concurrency'],
  ])('names a bad self-evolution setting (%j)', expectRefusedNaming);

  it.each([
    ['orchestrator:\n  metrics_port: 70000\n', 'orchestrator.metrics_port'],
    ['orchestrator:\n  metrics_port: -2\n', 'orchestrator.metrics_port'],
    ['orchestrator:\n  resume_interrupted: sometimes\n', 'orchestrator.resume_interrupted'],
  ])('names a bad orchestrator setting (%j)', expectRefusedNaming);

  it.each([
    ['engine:\n  embedded:\n    threads: 0\n', 'engine.embedded.threads'],
    ['engine:\n  embedded:\n    threads: 65\n', 'engine.embedded.threads'],
    ['engine:\n  embedded:\n    threads: 1.5\n', 'engine.embedded.threads'],
    ['training:\n  embedded:\n    standby: "yes"\n', 'training.embedded.standby'],
  ])('names a bad embedded engine setting (%j)', expectRefusedNaming);

  it.each([
    ['pref_ftx: -1', 'training.kto.pref_ftx'],
    ['learning_rate: 2', 'training.kto.learning_rate'],
    ['finetuning_type: freeze', 'training.kto.finetuning_type'],
    ['lora_alpha: 0', 'training.kto.lora_alpha'],
    ['lora_target: "qkv, fc"', 'training.kto.lora_target'],
    [`lora_target: ${'q'.repeat(257)}`, 'training.kto.lora_target'],
    ['additional_target: "wpe\\nstage: sft"', 'training.kto.additional_target'],
  ])('names an out-of-range KTO setting (%s)', (line, key) => {
    const error = configErrorOf(() => loadConfig({ file: writeConfig(`training:\n  kto:\n    ${line}\n`), env: {} }));
    expect(error.keys).toEqual([key]);
  });

  it('rejects contradictory ZPD thresholds', () => {
    const file = writeConfig('aero:\n  zpd: {mastery_below: 0.8, chaos_above: 0.2}\n');
    expect(configErrorOf(() => loadConfig({ file, env: {} })).keys).toEqual(['aero.zpd.mastery_below']);
  });

  it.each([
    ['icc_min_support: 1.5', 'aero.icc_min_support'],
    ['icc_min_support: -0.1', 'aero.icc_min_support'],
    ['labeller: icc_oracle\n  solver_labels: code', 'aero.labeller'],
  ])('names a bad ICC setting (%s)', (lines, key) => {
    const error = configErrorOf(() => loadConfig({ file: writeConfig(`aero:\n  ${lines}\n`), env: {} }));
    expect(error.keys).toEqual([key]);
  });

  it('takes icc_oracle with the paper solver labels', () => {
    const config = loadConfig({ file: writeConfig('aero:\n  labeller: icc_oracle\n  solver_labels: paper\n'), env: {} });
    expect(config.aero.labeller).toBe('icc_oracle');
  });

  it('rejects the openai backend without endpoints', () => {
    const file = writeConfig('engine:\n  backend: openai\n');
    expect(configErrorOf(() => loadConfig({ file, env: {} })).keys).toEqual(['engine.openai.base_urls']);
  });

  it('applies environment overrides, then explicit overrides', () => {
    const file = writeConfig('aero:\n  rounds: 2\n');
    const config = loadConfig({
      file,
      env: { AERO__AERO__ROUNDS: '7', AERO__AERO__SAMPLING_N: '8' },
      overrides: { 'aero.sampling_n': '4' },
    });
    expect(config.aero.rounds).toBe(7);
    expect(config.aero.sampling_n).toBe(4);
  });

  it('names an unknown key that comes from the environment', () => {
    const error = configErrorOf(() => loadConfig({ file: writeConfig(''), env: { AERO__AERO__NOPE: '1' } }));
    expect(error.keys).toEqual(['aero.nope']);
  });

  it('names the environment variable or override that set an invalid value, not the file', () => {
    const file = writeConfig('aero:\n  rounds: 2\n');
    const fromEnv = configErrorOf(() => loadConfig({ file, env: { AERO__AERO__ROUNDS: 'abc' } }));
    expect(fromEnv.message).toBe('invalid config: key "aero.rounds" (from environment variable AERO__AERO__ROUNDS): Invalid input: expected number, received string');
    const fromOverride = configErrorOf(() => loadConfig({ file, env: {}, overrides: { 'aero.zpd': '{mastery_below: x}' } }));
    expect(fromOverride.message).toMatch(/^invalid config: key "aero\.zpd\.mastery_below" \(from override aero\.zpd\): /);
    const both = configErrorOf(() => loadConfig({ file: writeConfig('aero:\n  rounds: -1\n'), env: { AERO__AERO__SAMPLING_N: '0' } }));
    expect(both.message).toMatch(/^invalid config \(.*config\.yaml\): /);
    expect(both.message).toContain('key "aero.rounds": ');
    expect(both.message).toContain('key "aero.sampling_n" (from environment variable AERO__AERO__SAMPLING_N): ');
  });

  it('refuses prototype keys in overrides', () => {
    const error = configErrorOf(() => loadConfig({ file: writeConfig(''), env: {}, overrides: { '__proto__.x': '1' } }));
    expect(error.keys).toEqual(['__proto__.x']);
  });

  it('resolves relative paths against the config file folder', () => {
    const file = writeConfig('runs_dir: my-runs\nengine:\n  model: models/m\n');
    fs.mkdirSync(path.join(path.dirname(file), 'models/m'), { recursive: true });
    const config = loadConfig({ file, env: {} });
    expect(config.runs_dir).toBe(path.join(path.dirname(file), 'my-runs'));
    expect(config.engine.model).toBe(path.join(path.dirname(file), 'models/m'));
  });

  it('keeps a Hugging Face Hub model id when no such folder exists beside the config', () => {
    const file = writeConfig('engine:\n  backend: vllm\n  model: Qwen/Qwen3-8B-Base\n  chat_template: {name: qwen3}\n');
    expect(loadConfig({ file, env: {} }).engine.model).toBe('Qwen/Qwen3-8B-Base');
    expect(loadConfig({ file, env: { AERO__ENGINE__MODEL: 'models/tiny' } }).engine.model).toBe('models/tiny');
    expect(loadConfig({ file, env: { AERO__ENGINE__MODEL: 'models/tiny/v2' } }).engine.model).toBe(path.join(path.dirname(file), 'models/tiny/v2'));
  });

  it.each([
    ['a chat template the embedded engine does not have', 'engine:\n  chat_template: {name: qwen3}\n', 'engine.chat_template.name'],
    ['thinking on a template without the switch', 'engine:\n  backend: vllm\n  chat_template: {name: qwen3_nothink, enable_thinking: true}\n', 'engine.chat_template.enable_thinking'],
    ['several nodes without a launcher', 'training:\n  llamafactory: {nnodes: 2, master_addr: 10.0.0.1, master_port: 29500}\n', 'training.llamafactory.launcher'],
    ['several nodes meeting on loopback', 'training:\n  llamafactory: {nnodes: 2, launcher: [srun], master_port: 29500}\n', 'training.llamafactory.master_addr'],
    ['several nodes on a port picked per host', 'training:\n  llamafactory: {nnodes: 2, launcher: [srun], master_addr: 10.0.0.1}\n', 'training.llamafactory.master_addr'],
    ['a top_k of 0', 'engine:\n  sampling: {top_k: {solver: 0}}\n', 'engine.sampling.top_k.solver'],
  ])('rejects %s, naming the key', (_, yaml, key) => {
    expect(configErrorOf(() => loadConfig({ file: writeConfig(yaml), env: {} })).keys).toEqual([key]);
  });

  it('fails on a missing explicit file and on malformed YAML', () => {
    expect(() => loadConfig({ file: '/nonexistent/aero.yaml', env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ file: writeConfig('aero: [\n'), env: {} })).toThrow(/not valid YAML/);
  });
});
