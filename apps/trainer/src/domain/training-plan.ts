import * as path from 'node:path';
import { CHAT_TEMPLATES, type AeroConfig } from '@aero/config';
import { exportConfig } from './export-config';
import type { JobPaths } from './job-paths';
import type { KtoSettings } from './kto-settings';
import { launcherSafePath } from './launcher-safe-path';
import { toLlamafactoryYaml } from './to-llamafactory-yaml';
import { trainConfig } from './train-config';
import { trainingEnv } from './training-env';

/** One process the job runs, in its own process group. */
export interface CommandStep {
  /** How messages name it, e.g. "llamafactory-cli train". */
  label: string;
  file: string;
  args: string[];
  /** Set on top of the trainer's own environment; undefined removes an inherited variable. */
  env: Record<string, string | undefined>;
  /** Files that exist only when the step finished its work (written last by the trainer). */
  completionMarkers: string[];
  /**
   * The stdin line that hands this step to a process of `standbyCommand` started before the job,
   * instead of starting `file args` (the embedded engine's train only).
   */
  handoff?: string;
}

export interface TrainingPlan {
  files: { path: string; content: string }[];
  steps: CommandStep[];
  /** The folder that becomes the model once every step succeeded. */
  modelSource: string;
}

/** How the embedded engine's CLI is started: this node, tsx, and the engine's entry file. */
export interface EngineCommand {
  node: string;
  /** tsx's CommonJS require hook, given to --require. */
  tsxRequire: string;
  main: string;
}

/** The embedded engine's `train --standby`: a process that waits for its job's handoff line on stdin. */
export function standbyCommand(engine: EngineCommand, training: AeroConfig['training']): { file: string; args: string[] } {
  return { file: engine.node, args: ['--require', engine.tsxRequire, engine.main, 'train', '--standby', ...workersArgs(training)] };
}

function workersArgs(training: AeroConfig['training']): string[] {
  return ['--workers', String(training.embedded.workers)];
}

export interface PlanInput {
  jobId: string;
  training: AeroConfig['training'];
  /** The model's chat template as served (engine.chat_template): training uses the same. */
  chatTemplate: AeroConfig['engine']['chat_template'];
  /** The rendezvous port torchrun gets (training.llamafactory.master_port, or a free one). */
  masterPort: number;
  baseModel: string;
  dataset: string;
  datasetDir: string;
  paths: JobPaths;
  settings: KtoSettings;
  engine: EngineCommand;
}

/**
 * The files and commands of one training job. Both backends read the same train YAML, dataset and
 * trainer_log.jsonl. With LoRA, llamafactory trains an adapter with the chat template the model is
 * served with and then merges it with `export`; with full fine-tuning its output_dir is the model.
 * The embedded engine writes the model (LoRA merged) into output_dir directly. With a launcher
 * (several nodes), the launcher starts `llamafactory-cli train` on every node; the export runs here.
 */
export function trainingPlan(input: PlanInput): TrainingPlan {
  const { training, paths } = input;
  const llamafactory = training.backend === 'llamafactory';
  const template = CHAT_TEMPLATES[input.chatTemplate.name].llamafactory;
  const enableThinking = llamafactory ? input.chatTemplate.enable_thinking : undefined;
  const header = `written by the AERO trainer for job ${input.jobId}`;
  const train = trainConfig({
    baseModel: input.baseModel,
    dataset: input.dataset,
    datasetDir: input.datasetDir,
    outputDir: paths.outputDir,
    template,
    enableThinking,
    settings: input.settings,
    deepspeed: llamafactory ? training.llamafactory.deepspeed || undefined : undefined,
    reportTo: llamafactory ? training.llamafactory.report_to : 'none',
  });
  const trainFile = { path: paths.trainConfig, content: toLlamafactoryYaml(train, header) };
  const trainMarkers = [path.join(paths.outputDir, 'all_results.json')];

  if (!llamafactory) {
    const e = input.engine;
    return {
      files: [trainFile],
      steps: [
        {
          label: 'embedded engine train',
          file: e.node,
          args: ['--require', e.tsxRequire, e.main, 'train', paths.trainConfig, ...workersArgs(training)],
          env: {},
          completionMarkers: [...trainMarkers, path.join(paths.outputDir, 'config.json')],
          handoff: JSON.stringify({ config: paths.trainConfig, cwd: paths.jobDir }),
        },
      ],
      modelSource: paths.outputDir,
    };
  }

  const { cli, launcher } = training.llamafactory;
  const env = trainingEnv(training.llamafactory, input.masterPort, input.jobId);
  const trainCommand = [...launcher, cli, 'train', launcherSafePath(paths.trainConfig, 'the job config (under runs_dir)')];
  if (input.settings.finetuning_type === 'full') {
    return {
      files: [trainFile],
      steps: [{ label: `${cli} train`, file: trainCommand[0], args: trainCommand.slice(1), env, completionMarkers: [...trainMarkers, path.join(paths.outputDir, 'config.json')] }],
      modelSource: paths.outputDir,
    };
  }
  const merge = exportConfig({ baseModel: input.baseModel, adapterDir: paths.outputDir, exportDir: paths.exportDir, template, enableThinking: input.chatTemplate.enable_thinking });
  return {
    files: [trainFile, { path: paths.exportConfig, content: toLlamafactoryYaml(merge, header) }],
    steps: [
      { label: `${cli} train`, file: trainCommand[0], args: trainCommand.slice(1), env, completionMarkers: trainMarkers },
      { label: `${cli} export`, file: cli, args: ['export', paths.exportConfig], env, completionMarkers: [path.join(paths.exportDir, 'config.json')] },
    ],
    modelSource: paths.exportDir,
  };
}
