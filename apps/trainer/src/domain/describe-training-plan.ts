import type { AeroConfig } from '@aero/config';
import { describeGlobalBatch, type GlobalBatch } from './global-batch';
import type { TrainingPlan } from './training-plan';

/**
 * A training job as a dry run shows it: the global batch, each command with the environment it gets
 * (a rendezvous port picked at start shown as such; the embedded engine's handoff to the trainer's
 * standby process where it has one), each file the job writes, then the
 * dataset_info.json that LLaMA-Factory reads the dataset through.
 */
export function describeTrainingPlan(
  title: string,
  training: AeroConfig['training'],
  plan: TrainingPlan,
  batch: GlobalBatch,
  datasetInfo: { path: string; content: unknown },
): string {
  const lines = [title, `  global batch: ${describeGlobalBatch(batch)}`];
  for (const step of plan.steps) {
    const env = Object.entries(step.env).flatMap(([name, value]) => {
      if (value === undefined) return [];
      return [name === 'MASTER_PORT' && training.llamafactory.master_port === 0 ? `${name}=<a free port, picked when the job starts>` : `${name}=${value}`];
    });
    lines.push(`  $ ${[...env, step.file, ...step.args].join(' ')}`);
    if (step.handoff !== undefined && training.embedded.standby) {
      lines.push(`    (or, when the trainer's \`train --standby\` process is idle, this stdin line to it: ${step.handoff})`);
    }
  }
  for (const file of plan.files) lines.push(`--- ${file.path}`, file.content.trimEnd());
  lines.push(`--- ${datasetInfo.path}`, JSON.stringify(datasetInfo.content, null, 2));
  return lines.join('\n');
}
