import { IccOutcome } from '@aero/contracts';
import { isLabelled } from './is-labelled';

describe('isLabelled', () => {
  it.each([
    [IccOutcome.ICC_OUTCOME_CONVERGED, true],
    [IccOutcome.ICC_OUTCOME_MAJORITY, true],
    [IccOutcome.ICC_OUTCOME_ORACLE, true],
    [IccOutcome.ICC_OUTCOME_NO_KNOWN_ANSWER, false],
    [IccOutcome.ICC_OUTCOME_DIVERGED, false],
    [IccOutcome.ICC_OUTCOME_UNCONFIRMED, false],
    [IccOutcome.ICC_OUTCOME_SKIPPED_NOT_ZPD, false],
    [IccOutcome.ICC_OUTCOME_SKIPPED_ONE_CLUSTER, false],
    [IccOutcome.ICC_OUTCOME_UNSPECIFIED, false],
    [undefined, false],
  ])('%s: %s', (outcome, labelled) => {
    expect(isLabelled(outcome)).toBe(labelled);
  });
});
