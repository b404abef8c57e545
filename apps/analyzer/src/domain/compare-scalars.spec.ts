import type { Scalar } from './answer';
import { compareScalars } from './compare-scalars';
import { latexToMathjs } from './latex-to-mathjs';

const scalar = (latex: string, signs: Partial<Scalar> = {}): Scalar => {
  const expr = latexToMathjs(latex);
  if (expr === null) throw new Error(`not math: ${latex}`);
  return { expr, percent: false, degrees: false, ...signs };
};
const compare = (a: string, b: string) => compareScalars(scalar(a), scalar(b));

describe('compareScalars', () => {
  it('settles rational values exactly (symbolic)', () => {
    expect(compare('\\frac{1}{2}', '0.5')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('0.1+0.2', '0.3')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('1000000001', '1000000000')).toEqual({ result: 'different', method: 'symbolic' });
    expect(compare('\\frac{1}{3}', '0.3333333333')).toEqual({ result: 'different', method: 'symbolic' });
  });

  it('settles rational functions exactly at fixed rational points (symbolic)', () => {
    expect(compare('(x+1)^2', 'x^2+2x+1')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('\\frac{x^2-1}{x-1}', 'x+1')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('xy', 'yx')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('(a+b)^2', 'a^2+b^2')).toEqual({ result: 'different', method: 'symbolic' });
  });

  it('settles irrational values by 64-digit evaluation (numeric)', () => {
    expect(compare('2\\sqrt{2}', '\\sqrt{8}')).toEqual({ result: 'equal', method: 'numeric' });
    expect(compare('\\sin^2 x + \\cos^2 x', '1')).toEqual({ result: 'equal', method: 'numeric' });
    expect(compare('\\pi', '3.14159265358979323846')).toEqual({ result: 'different', method: 'numeric' });
    expect(compare('\\sqrt{2}', '1.41421356237')).toEqual({ result: 'different', method: 'numeric' });
  });

  it('treats rounding residue as zero', () => {
    expect(compare('\\sin\\pi', '0')).toEqual({ result: 'equal', method: 'numeric' });
    expect(compare('e^{i\\pi}', '-1')).toEqual({ result: 'equal', method: 'numeric' });
  });

  it('leaves a gap too small to be real and too large to be rounding undecided', () => {
    expect(compare('\\sqrt{10^{40}+1}', '10^{20}').result).toBe('unknown');
  });

  it('compares infinities by sign', () => {
    expect(compare('\\infty', '\\infty').result).toBe('equal');
    expect(compare('\\infty', '-\\infty').result).toBe('different');
    expect(compare('\\infty', '10^{100}').result).toBe('different');
  });

  it('reads a percent answer as p or p/100', () => {
    const p = scalar('50', { percent: true });
    expect(compareScalars(p, scalar('0.5')).result).toBe('equal');
    expect(compareScalars(p, scalar('50')).result).toBe('equal');
    expect(compareScalars(p, scalar('5'))).toEqual({ result: 'different', method: 'symbolic' });
  });

  it('reads a degree answer as d or d·π/180', () => {
    const d = scalar('90', { degrees: true });
    expect(compareScalars(d, scalar('\\frac{\\pi}{2}')).result).toBe('equal');
    expect(compareScalars(d, scalar('90')).result).toBe('equal');
    expect(compareScalars(d, scalar('\\pi'))).toEqual({ result: 'different', method: 'numeric' });
  });

  it('skips points where a side is undefined', () => {
    expect(compare('\\frac{x}{x}', '1')).toEqual({ result: 'equal', method: 'symbolic' });
  });

  it('refuses work without a bound instead of hanging', () => {
    expect(compare('10^{10^{10}}', '1').result).toBe('unknown');
    expect(compare('(10^{10})!', '1').result).toBe('unknown');
    expect(compare('\\binom{10^{9}}{5}', '1').result).toBe('unknown');
    expect(compare('12!!!', '1').result).toBe('unknown');
  });

  it('is unknown when something cannot be evaluated', () => {
    expect(compare('\\frac{1}{0}', '\\frac{2}{0}').result).toBe('unknown');
    expect(compare('a+b+c+d+f+g+h', 'h+g+f+d+c+b+a').result).toBe('unknown');
  });

  it('may read a decimal literal as a rounded value (rounding-agreement.ts)', () => {
    const decimal = (literal: string, places: number, digits: number): Scalar => ({ ...scalar(literal), decimal: { places, digits } });
    expect(compareScalars(decimal('2.6667', 4, 5), scalar('\\frac{8}{3}'))).toEqual({ result: 'equal', method: 'numeric' });
    expect(compareScalars(decimal('33.33', 2, 4), { ...scalar('\\frac{1}{3}'), percent: false }).result).toBe('different');
    expect(compareScalars({ ...decimal('33.33', 2, 4), percent: true }, scalar('\\frac{1}{3}'))).toEqual({ result: 'equal', method: 'numeric' });
  });

  it('evaluates sums and products, at integer points when a bound is a variable', () => {
    expect(compare('\\sum_{k=1}^{n} k', '\\frac{n(n+1)}{2}')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('\\sum_{i=1}^{n} i^2', '\\sum_{k=1}^{n} k^2')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('\\sum_{k=1}^{n} k', '\\frac{n(n-1)}{2}')).toEqual({ result: 'different', method: 'symbolic' });
    expect(compare('\\sum_{i=1}^{3} \\sqrt{i}', '1+\\sqrt{2}+\\sqrt{3}')).toEqual({ result: 'equal', method: 'numeric' });
    expect(compare('\\binom{n}{2}', '\\frac{n(n-1)}{2}').result).toBe('equal');
  });

  it('is unknown for a sum it cannot finish', () => {
    expect(compare('\\sum_{k=1}^{\\infty} \\frac{1}{2^k}', '1').result).toBe('unknown');
  });

  it('compares integrals and limits by their parts, the bound variable renamed', () => {
    expect(compare('\\int_{0}^{1}x^2dx', '\\int_{0}^{1}t^{2}dt')).toEqual({ result: 'equal', method: 'symbolic' });
    expect(compare('\\lim_{x\\to0}\\frac{\\sin x}{x}', '\\lim_{t\\to0}\\frac{\\sin t}{t}').result).toBe('equal');
    expect(compare('\\int_{0}^{1}x^2dx', '\\int_{0}^{1}x^3dx').result).toBe('unknown');
    expect(compare('\\int_{0}^{1}x^2dx', '\\frac{1}{3}').result).toBe('unknown');
  });

  it('leaves sums it cannot afford unknown, in bounded time: nested ranges multiply their terms', () => {
    const started = performance.now();
    expect(compare('\\sum_{a=1}^{1999} \\sum_{b=1}^{1999} \\sum_{c=1}^{1999} \\sqrt{a b c}', '1').result).toBe('unknown');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
