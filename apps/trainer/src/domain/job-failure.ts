import { TrainerError } from './trainer-error';

export interface ExitReport {
  jobId: string;
  /** What ran: "llamafactory-cli train", "embedded engine train", ... */
  command: string;
  exitCode?: number;
  signal?: string;
  /** True once the trainer logged a step: the job got past loading model and data. */
  progressed: boolean;
  logPath: string;
  tail: string;
}

/**
 * A failed training command as the caller should see it. Before the first step the job could not
 * start with what it was given (model, dataset, config, environment): FAILED_PRECONDITION. After it,
 * or when the process was killed from outside, something broke mid-run: INTERNAL. Either way the
 * message carries the last lines of the job's log.
 */
export function jobFailure(report: ExitReport): TrainerError {
  const how = report.signal ? `was killed by ${report.signal}` : `exited with code ${report.exitCode}`;
  const when = report.progressed ? 'during training' : 'before the first training step';
  const message = `job ${report.jobId}: ${report.command} ${how} ${when}; last lines of ${report.logPath}:\n${report.tail}`;
  return new TrainerError(!report.progressed && !report.signal ? 'failed_precondition' : 'internal', message);
}
