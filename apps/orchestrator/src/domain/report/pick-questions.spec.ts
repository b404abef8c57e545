import { pickQuestions } from './pick-questions';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(3, '0')}`, group: prefix }));

describe('pickQuestions', () => {
  it('gives every group its turn, so a rare group is shown beside a common one', () => {
    const picked = pickQuestions([...ids('a', 100), ...ids('b', 2), ...ids('c', 30)], 10);
    expect(picked).toHaveLength(10);
    expect(picked.filter((id) => id.startsWith('b'))).toEqual(['b000', 'b001']);
    expect(picked.filter((id) => id.startsWith('a'))).toHaveLength(4);
    expect(picked.filter((id) => id.startsWith('c'))).toHaveLength(4);
  });

  it('spreads the picks of a group over it, and picks the same whatever the input order', () => {
    const questions = ids('a', 100);
    expect(pickQuestions(questions, 4)).toEqual(['a012', 'a037', 'a062', 'a087']);
    expect(pickQuestions([...questions].reverse(), 4)).toEqual(['a012', 'a037', 'a062', 'a087']);
  });

  it('takes every question when there are fewer than the cap, and none for a cap of 0', () => {
    expect(pickQuestions([...ids('a', 2), ...ids('b', 1)], 40)).toEqual(['a000', 'a001', 'b000']);
    expect(pickQuestions(ids('a', 5), 0)).toEqual([]);
    expect(pickQuestions([], 40)).toEqual([]);
  });
});
