import { problemSizeOf } from './problem-size-of';

describe('problemSizeOf', () => {
  it.each([
    ['7', 0],
    ['7+5', 1],
    ['7+5-3+8-6+9-1', 6],
    ['(12+3)*4-5', 3],
    ['-3*-4', 1],
  ])('counts the binary operations of %p: %p', (question, size) => {
    expect(problemSizeOf(question)).toBe(size);
  });

  it('has no size for a question that is not arithmetic', () => {
    expect(problemSizeOf('How many apples are left?')).toBeUndefined();
    expect(problemSizeOf('3+')).toBeUndefined();
  });
});
