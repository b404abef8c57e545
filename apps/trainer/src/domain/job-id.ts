import { RUN_ID_PATTERN } from './run-id';

/** A training job is named after what it trains: "<run_id>-r<round>". */
export const JobId = {
  format(runId: string, round: number): string {
    return `${runId}-r${round}`;
  },

  /** The run and round of a job id, or undefined when the id is not one the trainer could have made. */
  parse(id: string): { runId: string; round: number } | undefined {
    const match = /^(.+)-r([1-9][0-9]{0,8})$/.exec(id);
    if (!match || !RUN_ID_PATTERN.test(match[1])) return undefined;
    return { runId: match[1], round: Number(match[2]) };
  },
};
