import { questionId } from './question-id';

describe('questionId', () => {
  it('pads the index to four digits and keeps longer ones whole', () => {
    expect(questionId(1, 7)).toBe('r1-q0007');
    expect(questionId(12, 0)).toBe('r12-q0000');
    expect(questionId(3, 123456)).toBe('r3-q123456');
  });
});
