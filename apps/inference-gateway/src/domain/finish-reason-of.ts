import { FinishReason } from '@aero/contracts';

/** OpenAI finish_reason -> FinishReason; anything else (abort, tool calls, null) is UNSPECIFIED. */
export function finishReasonOf(reason: string | null): FinishReason {
  switch (reason) {
    case 'stop':
      return FinishReason.FINISH_REASON_STOP;
    case 'length':
      return FinishReason.FINISH_REASON_LENGTH;
    default:
      return FinishReason.FINISH_REASON_UNSPECIFIED;
  }
}
