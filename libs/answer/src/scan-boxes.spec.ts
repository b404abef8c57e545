import { scanBoxes } from './scan-boxes';

const contents = (text: string) => scanBoxes(text).map((b) => text.slice(b.open, b.end));

describe('scanBoxes', () => {
  it('finds every closed box with nested braces whole, inner boxes before the box around them', () => {
    expect(contents('a \\boxed{\\frac{1}{2}} b \\fbox{3}')).toEqual(['\\frac{1}{2}', '3']);
    expect(contents('\\boxed{\\boxed{5}}')).toEqual(['5', '\\boxed{5}']);
  });

  it('records where the command starts and the content ends', () => {
    expect(scanBoxes('x \\boxed {7}')).toEqual([{ start: 2, open: 10, end: 11 }]);
  });

  it('accepts spaces before the brace but no longer command name', () => {
    expect(contents('\\boxed \n{1} \\boxedfoo{2} \\fboxes{3}')).toEqual(['1']);
  });

  it('reads escaped braces as content and a doubled backslash before a command as the command', () => {
    expect(contents('\\boxed{\\{1, 2\\}}')).toEqual(['\\{1, 2\\}']);
    expect(contents('\\boxed{\\}')).toEqual([]);
    expect(contents('so \\\\boxed{\\\\frac{1}{2}}')).toEqual(['\\\\frac{1}{2}']);
    expect(contents('\\boxed{a\\\\}')).toEqual(['a\\\\']);
  });

  it('skips boxes that never close and stray closing braces', () => {
    expect(contents('\\boxed{1} } \\boxed{2')).toEqual(['1']);
  });

  it('takes linear time on adversarial input', () => {
    const text = '\\boxed{'.repeat(200_000) + '\\\\'.repeat(100_000) + '{'.repeat(200_000);
    const started = performance.now();
    expect(scanBoxes(text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
