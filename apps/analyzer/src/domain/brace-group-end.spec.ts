import { braceGroupEnd } from './brace-group-end';

describe('braceGroupEnd', () => {
  it('finds the brace closing a group, past nested groups', () => {
    expect(braceGroupEnd('{a{b}c}d', 1)).toBe(6);
  });
  it('skips escaped braces and backslashes', () => {
    expect(braceGroupEnd('{\\}}', 1)).toBe(3);
    expect(braceGroupEnd('{\\\\}', 1)).toBe(3);
  });
  it('is -1 for a group that never closes', () => {
    expect(braceGroupEnd('{a{b}', 1)).toBe(-1);
  });
});
