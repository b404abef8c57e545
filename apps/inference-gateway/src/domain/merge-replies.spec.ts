import { FinishReason } from '@aero/contracts';
import { mergeReplies } from './merge-replies';

const reply = (texts: string[], instanceId: string, prompt: number, completion: number) => ({
  choices: texts.map((text) => ({ text, finishReason: 'stop' })),
  promptTokens: prompt,
  completionTokens: completion,
  model: 'aero_model',
  instanceId,
});

describe('mergeReplies', () => {
  it('renumbers the choices of every part in order and sums the usage', () => {
    const merged = mergeReplies([reply(['a', 'b'], 'embedded-0', 5, 10), reply(['c'], 'embedded-1', 5, 4)]);
    expect(merged.choices.map((c) => [c.index, c.text])).toEqual([
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
    ]);
    expect(merged.usage).toEqual({ prompt_tokens: 10, completion_tokens: 14, total_tokens: 24 });
    expect(merged.instance_id).toBe('embedded-1');
    expect(merged.model).toBe('aero_model');
  });

  it('maps finish reasons', () => {
    const merged = mergeReplies([
      { ...reply([], 'x', 0, 0), choices: [{ text: '', finishReason: 'length' }, { text: '', finishReason: null }] },
    ]);
    expect(merged.choices.map((c) => c.finish_reason)).toEqual([FinishReason.FINISH_REASON_LENGTH, FinishReason.FINISH_REASON_UNSPECIFIED]);
  });

  it('refuses an empty list', () => {
    expect(() => mergeReplies([])).toThrow(RangeError);
  });
});
