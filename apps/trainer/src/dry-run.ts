import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { engineCommand } from './adapters/engine-command';
import { datasetInfoEntry } from './domain/dataset-info-entry';
import { datasetName } from './domain/dataset-name';
import { describeTrainingPlan } from './domain/describe-training-plan';
import { globalBatch } from './domain/global-batch';
import { jobPaths } from './domain/job-paths';
import { ktoSettings } from './domain/kto-settings';
import { trainingPlan } from './domain/training-plan';

// `node --import tsx apps/trainer/src/dry-run.ts [--config FILE] [--run ID] [--seed N]`: prints the
// commands, LLaMA-Factory YAML files and dataset_info.json of round 1's training job, which starts
// from engine.model. Starts nothing and writes nothing (`aero run --dry-run` runs it).
try {
  const { values } = parseArgs({ options: { config: { type: 'string' }, run: { type: 'string', default: 'RUN' }, seed: { type: 'string' } }, strict: true });
  const config = loadConfig({ file: values.config });
  const runDir = path.join(config.runs_dir, values.run);
  const round = 1;
  const dataset = datasetName(round);
  const datasetDir = path.join(runDir, 'datasets');
  const settings = ktoSettings(config.training.kto, values.seed === undefined ? config.aero.seed : Number(values.seed), undefined);
  const plan = trainingPlan({
    jobId: `${values.run}-r${round}`,
    training: config.training,
    chatTemplate: config.engine.chat_template,
    masterPort: config.training.llamafactory.master_port,
    baseModel: config.engine.model,
    dataset,
    datasetDir,
    paths: jobPaths(runDir, round),
    settings,
    engine: engineCommand(),
  });
  const title = `Training round ${round} of run ${values.run} (trainer, backend ${config.training.backend}), from ${config.engine.model}:`;
  const datasetInfo = { path: path.join(datasetDir, 'dataset_info.json'), content: { [dataset]: datasetInfoEntry(`${dataset}.jsonl`) } };
  console.log(describeTrainingPlan(title, config.training, plan, globalBatch(config.training, settings), datasetInfo));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
