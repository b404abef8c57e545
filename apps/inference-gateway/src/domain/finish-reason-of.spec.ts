import { FinishReason } from '@aero/contracts';
import { finishReasonOf } from './finish-reason-of';

describe('finishReasonOf', () => {
  it.each([
    ['stop', FinishReason.FINISH_REASON_STOP],
    ['length', FinishReason.FINISH_REASON_LENGTH],
    ['abort', FinishReason.FINISH_REASON_UNSPECIFIED],
    [null, FinishReason.FINISH_REASON_UNSPECIFIED],
  ])('maps %p to %p', (reason, expected) => {
    expect(finishReasonOf(reason)).toBe(expected);
  });
});
