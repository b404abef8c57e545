import { configSchema } from '@aero/config';
import { parse } from 'yaml';
import { jobPaths } from './job-paths';
import { ktoSettings } from './kto-settings';
import { standbyCommand, trainingPlan } from './training-plan';

const engine = { node: '/usr/bin/node', tsxRequire: '/repo/node_modules/tsx/dist/cjs/index.cjs', main: '/repo/apps/engine/src/main.ts' };
const paths = jobPaths('/runs/run1', 2);

function plan(training: Record<string, unknown>, overrides = {}, chatTemplate: Record<string, unknown> = { name: 'qwen3' }) {
  const config = configSchema.parse({ training, engine: { backend: 'vllm', chat_template: chatTemplate } });
  return trainingPlan({
    jobId: 'run1-r2',
    training: config.training,
    chatTemplate: config.engine.chat_template,
    masterPort: 29517,
    baseModel: '/models/round1',
    dataset: 'aero_r2',
    datasetDir: '/runs/run1/datasets',
    paths,
    settings: ktoSettings(config.training.kto, 11, overrides),
    engine,
  });
}

describe('trainingPlan', () => {
  it('llamafactory: reports to the tracker the config names (training.llamafactory.report_to), the embedded engine never', () => {
    expect(parse(plan({ backend: 'llamafactory', llamafactory: { report_to: 'wandb' } }).files[0].content).report_to).toBe('wandb');
    expect(parse(plan({ backend: 'embedded', llamafactory: { report_to: 'wandb' } }).files[0].content).report_to).toBe('none');
    expect(() => plan({ backend: 'llamafactory', llamafactory: { report_to: 'wandbb' } })).toThrow(/report_to/);
  });

  it('llamafactory: KTO LoRA train config with the served chat template, then export merging the adapter into the base model', () => {
    const p = plan({ backend: 'llamafactory', llamafactory: { deepspeed: '/cfg/ds_z2.json', gpus: '0,1' } }, { learning_rate: 1e-5, seed: 5 });
    expect(p.steps.map((s) => [s.file, ...s.args])).toEqual([
      ['llamafactory-cli', 'train', '/runs/run1/training/r2/train.yaml'],
      ['llamafactory-cli', 'export', '/runs/run1/training/r2/export.yaml'],
    ]);
    expect(p.steps[0].env).toMatchObject({ CUDA_VISIBLE_DEVICES: '0,1', FORCE_TORCHRUN: '1', NPROC_PER_NODE: '2', MASTER_PORT: '29517' });
    const train = parse(p.files[0].content);
    expect(train).toEqual({
      model_name_or_path: '/models/round1',
      stage: 'kto',
      do_train: true,
      finetuning_type: 'lora',
      lora_rank: 8,
      lora_target: 'all',
      pref_beta: 0.1,
      pref_ftx: 0,
      pref_loss: 'sigmoid',
      kto_chosen_weight: 1,
      kto_rejected_weight: 1,
      dataset: 'aero_r2',
      dataset_dir: '/runs/run1/datasets',
      template: 'qwen3',
      enable_thinking: false,
      cutoff_len: 2048,
      output_dir: '/runs/run1/training/r2/output',
      overwrite_output_dir: true,
      logging_steps: 1,
      report_to: 'none',
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 8,
      learning_rate: 1e-5,
      num_train_epochs: 3,
      lr_scheduler_type: 'cosine',
      warmup_ratio: 0.1,
      bf16: true,
      ddp_timeout: 180000000,
      seed: 5,
      deepspeed: '/cfg/ds_z2.json',
    });
    expect(parse(p.files[1].content)).toEqual({
      model_name_or_path: '/models/round1',
      adapter_name_or_path: '/runs/run1/training/r2/output',
      template: 'qwen3',
      enable_thinking: false,
      finetuning_type: 'lora',
      export_dir: '/runs/run1/training/r2/export.partial',
      export_size: 5,
      export_device: 'cpu',
      export_legacy_format: false,
    });
    expect(p.modelSource).toBe(paths.exportDir);
    expect(p.steps[1].completionMarkers).toEqual(['/runs/run1/training/r2/export.partial/config.json']);
  });

  it('llamafactory with full fine-tuning: no LoRA keys, no export; output_dir is the model', () => {
    const p = plan({ backend: 'llamafactory', kto: { finetuning_type: 'full', lora_alpha: 32 } });
    expect(p.steps.map((s) => [s.file, ...s.args])).toEqual([['llamafactory-cli', 'train', '/runs/run1/training/r2/train.yaml']]);
    expect(p.files.map((f) => f.path)).toEqual(['/runs/run1/training/r2/train.yaml']);
    const train = parse(p.files[0].content);
    expect(train.finetuning_type).toBe('full');
    expect(Object.keys(train).filter((k) => k.startsWith('lora_'))).toEqual([]);
    expect(p.modelSource).toBe(paths.outputDir);
    expect(p.steps[0].completionMarkers).toEqual(['/runs/run1/training/r2/output/all_results.json', '/runs/run1/training/r2/output/config.json']);
    expect(parse(plan({ backend: 'llamafactory', kto: { lora_alpha: 32 } }).files[0].content)).toMatchObject({ finetuning_type: 'lora', lora_rank: 8, lora_alpha: 32 });
  });

  it('llamafactory: trains with the LLaMA-Factory name of the template and the thinking mode it is served with', () => {
    const template = (chat: Record<string, unknown>) => parse(plan({ backend: 'llamafactory' }, {}, chat).files[0].content);
    expect(template({ name: 'qwen3', enable_thinking: true })).toMatchObject({ template: 'qwen3', enable_thinking: true });
    expect(template({ name: 'qwen3_nothink' })).toMatchObject({ template: 'qwen3_nothink', enable_thinking: false });
  });

  it('llamafactory on several nodes: the launcher starts llamafactory-cli train on every node; the merge runs here', () => {
    const launcher = ['srun', '--nodes=2', '--ntasks-per-node=1'];
    const p = plan({ backend: 'llamafactory', llamafactory: { nnodes: 2, launcher, master_addr: '10.0.0.5', master_port: 29500 } });
    expect(p.steps.map((s) => [s.file, ...s.args])).toEqual([
      ['srun', '--nodes=2', '--ntasks-per-node=1', 'llamafactory-cli', 'train', '/runs/run1/training/r2/train.yaml'],
      ['llamafactory-cli', 'export', '/runs/run1/training/r2/export.yaml'],
    ]);
    expect(p.steps[0].env).toMatchObject({ NNODES: '2', RDZV_ID: 'run1-r2', MASTER_ADDR: '10.0.0.5' });
  });

  it('llamafactory: refuses a job config path with whitespace, which the launcher would split', () => {
    const config = configSchema.parse({ training: { backend: 'llamafactory' }, engine: { backend: 'vllm', chat_template: { name: 'qwen3' } } });
    const input = {
      jobId: 'run1-r2',
      training: config.training,
      chatTemplate: config.engine.chat_template,
      masterPort: 29500,
      baseModel: '/models/round1',
      dataset: 'aero_r2',
      datasetDir: '/my runs/run1/datasets',
      paths: jobPaths('/my runs/run1', 2),
      settings: ktoSettings(config.training.kto, 11, {}),
      engine,
    };
    expect(() => trainingPlan(input)).toThrow(expect.objectContaining({ kind: 'failed_precondition', message: expect.stringContaining('whitespace') }));
  });

  it('embedded: the same train config (no DeepSpeed, no thinking switch) run by the engine CLI, which writes the whole model', () => {
    const p = plan({ backend: 'embedded', embedded: { workers: 3 }, llamafactory: { deepspeed: '/cfg/ds.json' } }, {}, { name: 'embedded' });
    expect(p.files.map((f) => f.path)).toEqual(['/runs/run1/training/r2/train.yaml']);
    expect(p.steps).toHaveLength(1);
    expect([p.steps[0].file, ...p.steps[0].args]).toEqual([
      '/usr/bin/node', '--require', engine.tsxRequire, engine.main, 'train', '/runs/run1/training/r2/train.yaml', '--workers', '3',
    ]);
    const train = parse(p.files[0].content);
    expect(train.deepspeed).toBeUndefined();
    expect(train.enable_thinking).toBeUndefined();
    expect(train.template).toBe('empty');
    expect(train.seed).toBe(11);
    expect(p.modelSource).toBe(paths.outputDir);
  });

  it('embedded: the same job can be handed to a `train --standby` process started before it, with the same workers', () => {
    const config = configSchema.parse({ training: { backend: 'embedded', embedded: { workers: 3 } } });
    const p = plan({ backend: 'embedded', embedded: { workers: 3 } }, {}, { name: 'embedded' });
    expect(standbyCommand(engine, config.training)).toEqual({ file: '/usr/bin/node', args: ['--require', engine.tsxRequire, engine.main, 'train', '--standby', '--workers', '3'] });
    expect(JSON.parse(p.steps[0].handoff!)).toEqual({ config: '/runs/run1/training/r2/train.yaml', cwd: '/runs/run1/training/r2' });
    expect(plan({ backend: 'llamafactory' }).steps.map((s) => s.handoff)).toEqual([undefined, undefined]);
  });
});
