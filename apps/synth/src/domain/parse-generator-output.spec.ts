import { parseGeneratorOutput } from './parse-generator-output';

const META = { knowledge_points: ['add', 'order'], domain: 'arithmetic', background: '' };

describe('parseGeneratorOutput', () => {
  it('reads a bare JSON object with its meta', () => {
    const raw = JSON.stringify({ question: '12+3*4', meta: META });
    expect(parseGeneratorOutput(raw)).toEqual({ text: '12+3*4', meta: META, parsed: true });
  });

  it('reads JSON inside a code fence and surrounding prose', () => {
    const raw = 'Here is one:\n```json\n{"question": "What is 2^10?", "meta": {"domain": "algebra"}}\n```\nGood luck!';
    expect(parseGeneratorOutput(raw)).toEqual({
      text: 'What is 2^10?',
      meta: { knowledge_points: [], domain: 'algebra', background: '' },
      parsed: true,
    });
  });

  it('is not misled by braces inside strings', () => {
    const raw = '{"question": "Let S = {x : x^2 < 4}. Find max S \\"}\\" ", "meta": {}}';
    expect(parseGeneratorOutput(raw)?.text).toBe('Let S = {x : x^2 < 4}. Find max S "}"');
  });

  it('skips objects without a question and takes the first one that has it', () => {
    const raw = '{"note": 1} then {"question": "7*8"}';
    expect(parseGeneratorOutput(raw)).toMatchObject({ text: '7*8', parsed: true });
  });

  it('keeps only string knowledge points and ignores meta of the wrong type', () => {
    expect(parseGeneratorOutput('{"question":"q","meta":{"knowledge_points":["a",3,null,"b"],"domain":5}}')?.meta).toEqual({
      knowledge_points: ['a', 'b'],
      domain: '',
      background: '',
    });
    expect(parseGeneratorOutput('{"question":"q","meta":[1]}')?.meta).toEqual({ knowledge_points: [], domain: '', background: '' });
  });

  it.each([
    ['no JSON at all', '  Compute 3+4.  ', 'Compute 3+4.'],
    ['truncated JSON', '{"question": "3+4', '{"question": "3+4'],
    ['an empty question', '{"question": "  "}', '{"question": "  "}'],
    ['a question that is not a string', '{"question": 7}', '{"question": 7}'],
    ['a JSON array', '[{"q": 1}]', '[{"q": 1}]'],
  ])('falls back to the raw text for %s', (_case, raw, text) => {
    expect(parseGeneratorOutput(raw)).toEqual({ text, meta: { knowledge_points: [], domain: '', background: '' }, parsed: false });
  });

  it('drops an empty output', () => {
    expect(parseGeneratorOutput('')).toBeUndefined();
    expect(parseGeneratorOutput(' \n\t')).toBeUndefined();
  });
});
