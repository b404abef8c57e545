import { buildQuestion } from './build-question';

describe('buildQuestion', () => {
  it('keeps the exact prompt and the raw output beside the parsed question', () => {
    const raw = '{"question":"4*5-3","meta":{"knowledge_points":["mul"],"domain":"arithmetic","background":""}}';
    expect(buildQuestion(2, 13, 'Write a problem as JSON.\n', raw)).toEqual({
      id: 'r2-q0013',
      text: '4*5-3',
      meta: { knowledge_points: ['mul'], domain: 'arithmetic', background: '' },
      parsed: true,
      prompt: 'Write a problem as JSON.\n',
      raw_output: raw,
      round: 2,
      index: 13,
    });
  });

  it('records an unparsed output as the question, flagged', () => {
    expect(buildQuestion(1, 0, 'p', ' 9+9 ')).toMatchObject({ text: '9+9', parsed: false, raw_output: ' 9+9 ' });
  });

  it('drops an empty output', () => {
    expect(buildQuestion(1, 0, 'p', '\n')).toBeUndefined();
  });
});
