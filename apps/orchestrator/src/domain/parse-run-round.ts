import { RUN_ID_PATTERN } from './run-id-pattern';

/** A run, and a round of it when one was given. */
export interface RunRound {
  run_id: string;
  round?: number;
}

const FORM = /^([^:]+)(?::(\d{1,4}))?$/;

/**
 * Reads "RUN:ROUND" (or "RUN" when the round may be left out) as a person types it on the command
 * line; a malformed one is an error naming `option` and the form it expects.
 */
export function parseRunRound(text: string, option: string, roundRequired: true): Required<RunRound>;
export function parseRunRound(text: string, option: string, roundRequired: boolean): RunRound;
export function parseRunRound(text: string, option: string, roundRequired: boolean): RunRound {
  const match = FORM.exec(text);
  const form = roundRequired ? 'RUN:ROUND (e.g. base:2; round 0 is the run\'s initial model)' : 'RUN or RUN:ROUND (e.g. base or base:2)';
  if (!match || !RUN_ID_PATTERN.test(match[1]) || (roundRequired && match[2] === undefined)) {
    throw new Error(`${option} expects ${form}, got ${JSON.stringify(text)}`);
  }
  return match[2] === undefined ? { run_id: match[1] } : { run_id: match[1], round: Number(match[2]) };
}
