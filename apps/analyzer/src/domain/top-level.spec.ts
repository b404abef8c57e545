import { splitTopLevel, topLevel } from './top-level';

describe('topLevel', () => {
  it('finds matches outside every bracket, escaped set braces included', () => {
    expect(topLevel('(1,2),[3,4],\\{5,6\\},{7,8}', /,/).map((m) => m.index)).toEqual([5, 11, 19]);
  });

  it('returns each match with its text', () => {
    expect(topLevel('x\\le 3<y', /<|\\le/)).toEqual([
      { index: 1, match: '\\le' },
      { index: 6, match: '<' },
    ]);
  });
});

describe('splitTopLevel', () => {
  it('cuts at top-level matches only', () => {
    expect(splitTopLevel('f(a,b),c', /,/)).toEqual(['f(a,b)', 'c']);
    expect(splitTopLevel('abc', /,/)).toEqual(['abc']);
  });
});
