import * as path from 'node:path';

/** Where a job keeps its files: everything under <run>/training/r<round>, nothing elsewhere. */
export interface JobPaths {
  jobDir: string;
  /** The job as last reported (state, progress, model), so GetJob survives a restart. */
  jobFile: string;
  trainConfig: string;
  exportConfig: string;
  /** stdout and stderr of every command the job ran. */
  log: string;
  /** The trainer's output_dir: trainer_log.jsonl, all_results.json, the adapter or checkpoint. */
  outputDir: string;
  trainerLog: string;
  /** HF Trainer's final state (log_history), which LLaMA-Factory writes when training ends. */
  trainerState: string;
  /** Where the merged model is exported before it is published. */
  exportDir: string;
  /** The published model; it exists only complete. */
  modelDir: string;
}

export function jobPaths(runDir: string, round: number): JobPaths {
  const jobDir = path.join(runDir, 'training', `r${round}`);
  const outputDir = path.join(jobDir, 'output');
  return {
    jobDir,
    jobFile: path.join(jobDir, 'job.json'),
    trainConfig: path.join(jobDir, 'train.yaml'),
    exportConfig: path.join(jobDir, 'export.yaml'),
    log: path.join(jobDir, 'train.log'),
    outputDir,
    trainerLog: path.join(outputDir, 'trainer_log.jsonl'),
    trainerState: path.join(outputDir, 'trainer_state.json'),
    exportDir: path.join(jobDir, 'export.partial'),
    modelDir: path.join(jobDir, 'model'),
  };
}
