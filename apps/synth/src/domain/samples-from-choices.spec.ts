import { FinishReason } from '@aero/contracts';
import { samplesFromChoices } from './samples-from-choices';

describe('samplesFromChoices', () => {
  const choices = [
    { index: 0, text: '3+4=7\n\\boxed{7}', finish_reason: FinishReason.FINISH_REASON_STOP, completion_tokens: 14 },
    { index: 1, text: '3+4=', finish_reason: FinishReason.FINISH_REASON_LENGTH, completion_tokens: 4 },
  ];

  it('pairs each choice with its answer and keeps the engine accounting', () => {
    expect(samplesFromChoices(choices, [{ found: true, answer: '7' }, { found: false, answer: '' }])).toEqual([
      { index: 0, text: '3+4=7\n\\boxed{7}', answer: '7', parsed: true, finish_reason: FinishReason.FINISH_REASON_STOP, completion_tokens: 14 },
      { index: 1, text: '3+4=', answer: '', parsed: false, finish_reason: FinishReason.FINISH_REASON_LENGTH, completion_tokens: 4 },
    ]);
  });

  it('refuses answers that do not line up with the choices', () => {
    expect(() => samplesFromChoices(choices, [{ found: true, answer: '7' }])).toThrow('1 answers for 2 choices');
  });
});
