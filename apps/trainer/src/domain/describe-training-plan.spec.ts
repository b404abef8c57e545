import { configSchema } from '@aero/config';
import { describeTrainingPlan } from './describe-training-plan';
import { globalBatch } from './global-batch';
import { jobPaths } from './job-paths';
import { ktoSettings } from './kto-settings';
import { trainingPlan } from './training-plan';

describe('describeTrainingPlan', () => {
  const config = configSchema.parse({
    engine: { backend: 'vllm', chat_template: { name: 'qwen3' } },
    training: { backend: 'llamafactory', llamafactory: { gpus: '0,1,2,3,4,5,6,7' } },
  });
  const settings = ktoSettings(config.training.kto, 7, undefined);
  const plan = trainingPlan({
    jobId: 'RUN-r1',
    training: config.training,
    chatTemplate: config.engine.chat_template,
    masterPort: 0,
    baseModel: 'Qwen/Qwen3-8B-Base',
    dataset: 'aero_r1',
    datasetDir: '/runs/RUN/datasets',
    paths: jobPaths('/runs/RUN', 1),
    settings,
    engine: { node: 'node', tsxRequire: 'tsx/cjs', main: 'main.ts' },
  });
  const text = describeTrainingPlan('Training round 1:', config.training, plan, globalBatch(config.training, settings), {
    path: '/runs/RUN/datasets/dataset_info.json',
    content: { aero_r1: { file_name: 'aero_r1.jsonl' } },
  });

  it('shows the global batch and each command with its environment, a port picked at start as such', () => {
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Training round 1:',
      '  global batch: 1 per device × 8 accumulation steps × 8 processes × 1 node(s) = 64',
      '  $ CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 FORCE_TORCHRUN=1 NNODES=1 NODE_RANK=0 NPROC_PER_NODE=8 MASTER_ADDR=127.0.0.1 ' +
        'MASTER_PORT=<a free port, picked when the job starts> llamafactory-cli train /runs/RUN/training/r1/train.yaml',
      expect.stringContaining('llamafactory-cli export /runs/RUN/training/r1/export.yaml'),
    ]);
  });

  it('embedded: shows the command and the stdin line that hands the job to the standby process, when there is one', () => {
    const describe = (standby: boolean) => {
      const embedded = configSchema.parse({ training: { backend: 'embedded', embedded: { standby } } });
      const p = trainingPlan({
        jobId: 'RUN-r1', training: embedded.training, chatTemplate: embedded.engine.chat_template, masterPort: 0, baseModel: '/models/base',
        dataset: 'aero_r1', datasetDir: '/runs/RUN/datasets', paths: jobPaths('/runs/RUN', 1), settings, engine: { node: 'node', tsxRequire: 'tsx/cjs', main: 'main.ts' },
      });
      return describeTrainingPlan('Training round 1:', embedded.training, p, globalBatch(embedded.training, settings), { path: '/d.json', content: {} }).split('\n').slice(2, 4);
    };
    expect(describe(true)).toEqual([
      '  $ node --require tsx/cjs main.ts train /runs/RUN/training/r1/train.yaml --workers 2',
      '    (or, when the trainer\'s `train --standby` process is idle, this stdin line to it: {"config":"/runs/RUN/training/r1/train.yaml","cwd":"/runs/RUN/training/r1"})',
    ]);
    expect(describe(false)[1]).toBe('--- /runs/RUN/training/r1/train.yaml');
  });

  it('shows every file the job writes, then dataset_info.json', () => {
    expect(text).toContain('--- /runs/RUN/training/r1/train.yaml\n# written by the AERO trainer for job RUN-r1\nmodel_name_or_path: "Qwen/Qwen3-8B-Base"\n');
    expect(text).toContain('template: "qwen3"\nenable_thinking: false\n');
    expect(text).toContain('--- /runs/RUN/training/r1/export.yaml\n');
    expect(text.endsWith('--- /runs/RUN/datasets/dataset_info.json\n{\n  "aero_r1": {\n    "file_name": "aero_r1.jsonl"\n  }\n}')).toBe(true);
  });
});
