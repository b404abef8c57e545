import { all, create } from 'mathjs';
import { latexToMathjs } from './latex-to-mathjs';

const math = create(all);
/** Evaluates the translation with x = 2, y = 3 (variables carry the v_ prefix). */
const value = (latex: string): number => {
  const expr = latexToMathjs(latex);
  if (expr === null) throw new Error(`not math: ${latex}`);
  return Number(math.evaluate(expr, { v_x: 2, v_y: 3, v_theta: 0.5, v_x_1: 5, v_A: 7 }));
};

describe('latexToMathjs', () => {
  it.each([
    ['\\frac{1}{2}', 0.5],
    ['\\frac{\\frac{1}{2}}{4}', 0.125],
    ['\\sqrt{16}', 4],
    ['\\sqrt[3]{27}', 3],
    ['2^{10}', 1024],
    ['2^10', 1024],
    ['2^{-2}', 0.25],
    ['2^-1', 0.5],
    ['-2^2', -4],
    ['(-2)^2', 4],
    ['1/2x', 1],
    ['3!', 6],
    ['\\binom{5}{2}', 10],
    ['|-3|', 3],
    ['\\lfloor 3.7\\rfloor', 3],
    ['\\lceil 3.2\\rceil', 4],
    ['\\gcd(12,18)', 6],
    ['\\max(3,7)', 7],
    ['3e5', 300000],
    ['1.5\\times10^{3}', 1500],
    ['6\\div 4', 1.5],
    ['2\\cdot3', 6],
  ])('reads %s', (latex, expected) => expect(value(latex)).toBeCloseTo(expected, 12));

  it('multiplies juxtaposed factors', () => {
    expect(value('2x')).toBe(4);
    expect(value('xy')).toBe(6);
    expect(value('2(x+1)')).toBe(6);
    expect(value('(x+1)(y+1)')).toBe(12);
    expect(value('2\\pi')).toBeCloseTo(2 * Math.PI, 12);
    expect(value('x\\sqrt{4}')).toBe(4);
  });

  it('reads function arguments the LaTeX way', () => {
    expect(value('\\sin 2x')).toBeCloseTo(Math.sin(4), 12);
    expect(value('\\sin^2 x')).toBeCloseTo(Math.sin(2) ** 2, 12);
    expect(value('\\sin^{-1} 1')).toBeCloseTo(Math.PI / 2, 12);
    expect(value('2\\sin x\\cos x')).toBeCloseTo(2 * Math.sin(2) * Math.cos(2), 12);
    expect(value('\\cos\\frac{\\pi}{3}')).toBeCloseTo(0.5, 12);
    expect(value('\\ln e^2')).toBeCloseTo(2, 12);
    expect(value('\\log 100')).toBeCloseTo(2, 12);
    expect(value('\\log_{2}8')).toBeCloseTo(3, 12);
    expect(value('\\exp(1)')).toBeCloseTo(Math.E, 12);
  });

  it('reads an integer glued to a fraction of integers as a mixed number', () => {
    expect(value('2\\frac{1}{2}')).toBe(2.5);
    expect(value('-2\\frac{1}{2}')).toBe(-2.5);
    expect(value('2\\frac{3}{2}')).toBe(3);
    expect(value('x\\frac{1}{2}')).toBe(1);
  });

  it('keeps e, i and π as constants and every other letter as a prefixed variable', () => {
    expect(latexToMathjs('e')).toBe('e');
    expect(latexToMathjs('i')).toBe('i');
    expect(latexToMathjs('\\pi')).toBe('pi');
    expect(latexToMathjs('E')).toBe('v_E');
    expect(latexToMathjs('\\phi')).toBe('v_phi');
    expect(latexToMathjs('x_1')).toBe('v_x_1');
    expect(latexToMathjs('\\infty')).toBe('Infinity');
    expect(value('\\theta')).toBe(0.5);
  });

  it.each(['', '1011_2', '\\frac{1}', '(1+2', '1+', '\\unknown{x}', '\\lfloor 2', "f'(x)", 'a_{b+c}', '||', '\\max 3'])('is null for %j', (latex) => {
    expect(latexToMathjs(latex)).toBeNull();
  });

  it('writes big operators as functions of their index, bounds and body', () => {
    expect(latexToMathjs('\\sum_{k=1}^{n} k^2')).toBe('sumOver(v_k, (1), v_n, (v_k ^ (2)))');
    expect(latexToMathjs('\\prod_{i=1}^{3}(1+i)')).toBe('productOver(v_i, (1), (3), (((1) + v_i)))');
    expect(latexToMathjs('\\int_{0}^{1}x^2dx')).toBe('integralOf(v_x, (0), (1), (v_x ^ (2)))');
    expect(latexToMathjs('\\lim_{x\\to0}\\frac{\\sin x}{x}')).toBe('limitOf(v_x, (0), ((sin(v_x)) / (v_x)))');
  });

  it('gives a sum the product that follows, not what is added after it', () => {
    expect(latexToMathjs('\\sum_{k=1}^{n} k + n')).toBe('(sumOver(v_k, (1), v_n, v_k) + v_n)');
    expect(latexToMathjs('\\sum_{k=1}^{n} k 2^k')).toBe('sumOver(v_k, (1), v_n, (v_k * ((2) ^ v_k)))');
  });

  it('reads an index named i or e as a variable inside its operator only', () => {
    expect(latexToMathjs('\\sum_{i=1}^{2} i + i')).toBe('(sumOver(v_i, (1), (2), v_i) + i)');
  });

  it.each(['\\sum k', '\\sum_{k}^{n} k', '\\int_0^1 x^2', '\\lim_{x} x'])('is null for the incomplete operator %j', (latex) => {
    expect(latexToMathjs(latex)).toBeNull();
  });

  it('is null for brackets nested deeper than answers nest, without overflowing the stack', () => {
    expect(latexToMathjs('{'.repeat(2000))).toBeNull();
    expect(latexToMathjs(`${'('.repeat(101)}1${')'.repeat(101)}`)).toBeNull();
    expect(latexToMathjs(`${'('.repeat(99)}1${')'.repeat(99)}`)).not.toBeNull();
  });
});
