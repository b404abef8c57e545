import { parseJudgeReply } from './parse-judge-reply';

describe('parseJudgeReply', () => {
  it('reads the JSON verdict', () => {
    expect(parseJudgeReply('{"equivalent": true}')).toBe(true);
    expect(parseJudgeReply('{"equivalent": false}')).toBe(false);
  });
  it('tolerates code fences and prose around the object', () => {
    expect(parseJudgeReply('Both are one half.\n```json\n{"equivalent": true}\n```')).toBe(true);
  });
  it('reads a near-JSON verdict', () => {
    expect(parseJudgeReply("{'equivalent': False}")).toBe(false);
    expect(parseJudgeReply('equivalent: TRUE')).toBe(true);
  });
  it('is null when no verdict is there', () => {
    expect(parseJudgeReply('I think they are the same.')).toBeNull();
    expect(parseJudgeReply('{"equivalent": "yes"}')).toBeNull();
    expect(parseJudgeReply('')).toBeNull();
  });
});
