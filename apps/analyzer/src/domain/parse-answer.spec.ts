import type { Answer } from './answer';
import { normalizeAnswer } from './normalize-answer';
import { parseAnswer } from './parse-answer';

const parse = (raw: string) => parseAnswer(normalizeAnswer(raw));
/** A compact picture of the structure: scalars as their mathjs text. */
const shape = (a: Answer): unknown => {
  switch (a.kind) {
    case 'scalar':
      return a.scalar.expr;
    case 'text':
      return { text: a.text };
    case 'tuple':
      return [a.open, ...a.items.map(shape), a.close];
    case 'set':
      return { set: a.items.map(shape) };
    case 'union':
      return { union: a.items.map(shape) };
    case 'matrix':
      return { matrix: a.rows.map((r) => r.map(shape)) };
    case 'equation':
      return { equation: [a.lhs.expr, a.rhs.expr] };
  }
};

describe('parseAnswer', () => {
  it('reads a scalar', () => {
    expect(shape(parse('\\frac{1}{2}'))).toBe('(((1)) / ((2)))');
  });

  it('reads tuples and intervals with their brackets', () => {
    expect(shape(parse('(1, 2)'))).toEqual(['(', '(1)', '(2)', ')']);
    expect(shape(parse('[0, \\infty)'))).toEqual(['[', '(0)', 'Infinity', ')']);
    expect(shape(parse('(1+2)'))).toBe('(((1) + (2)))');
  });

  it('reads sets, bare lists and the empty set as unordered collections', () => {
    expect(shape(parse('\\{1, 2\\}'))).toEqual({ set: ['(1)', '(2)'] });
    expect(shape(parse('3, 4'))).toEqual({ set: ['(3)', '(4)'] });
    expect(shape(parse('\\emptyset'))).toEqual({ set: [] });
    expect(shape(parse('\\{\\}'))).toEqual({ set: [] });
  });

  it('expands ± into both values', () => {
    expect(shape(parse('1 \\pm 2'))).toEqual({ set: ['((1) + (2))', '((1) - (2))'] });
    expect(shape(parse('\\mp 2'))).toEqual({ set: ['(-(2))', '(2)'] });
    expect((parse('\\pm 1 \\pm 2') as { items: unknown[] }).items).toHaveLength(4);
  });

  it('reads unions of intervals', () => {
    expect(shape(parse('(-\\infty, 0) \\cup [1, 2]'))).toEqual({
      union: [['(', '(-Infinity)', '(0)', ')'], ['[', '(1)', '(2)', ']']],
    });
  });

  it('reads matrices row by row', () => {
    expect(shape(parse('\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}'))).toEqual({ matrix: [['(1)', '(2)'], ['(3)', '(4)']] });
    expect(shape(parse('\\begin{bmatrix} x \\\\ y \\end{bmatrix}'))).toEqual({ matrix: [['v_x'], ['v_y']] });
  });

  it('rejects ragged matrices', () => {
    expect(parse('\\begin{pmatrix} 1 & 2 \\\\ 3 \\end{pmatrix}').kind).toBe('text');
  });

  it('reads one-variable inequalities as intervals', () => {
    expect(shape(parse('x > 3'))).toEqual(['(', '(3)', 'Infinity', ')']);
    expect(shape(parse('x \\le 3'))).toEqual(['(', '-Infinity', '(3)', ']']);
    expect(shape(parse('3 \\le x'))).toEqual(['[', '(3)', 'Infinity', ')']);
    expect(shape(parse('2 < x \\le 5'))).toEqual(['(', '(2)', '(5)', ']']);
    expect(shape(parse('5 > x \\ge 2'))).toEqual(['[', '(2)', '(5)', ')']);
  });

  it('reads the real line and set-builder conditions as intervals', () => {
    expect(shape(parse('\\mathbb{R}'))).toEqual(['(', '(-Infinity)', 'Infinity', ')']);
    expect(shape(parse('\\{x \\mid x > 2\\}'))).toEqual(['(', '(2)', 'Infinity', ')']);
    expect(shape(parse('\\{x : -1 < x < 1\\}'))).toEqual(['(', '(-(1))', '(1)', ')']);
  });

  it('reads a list of inequalities as the union of their solutions', () => {
    expect(parse('x < -2 \\text{ or } x > 3')).toMatchObject({ kind: 'union', items: [{ kind: 'tuple' }, { kind: 'tuple' }] });
  });

  it('reads bare braces around a list as a set, around one value as a group', () => {
    expect(parse('{-2021, 2021}')).toMatchObject({ kind: 'set', items: [{ kind: 'scalar' }, { kind: 'scalar' }] });
    expect(parse('{5}')).toMatchObject({ kind: 'scalar', scalar: { expr: '(5)' } });
  });

  it('counts both values of a ± inside a list or a fraction', () => {
    expect(shape(parse('0, \\pm 2'))).toEqual({ set: ['(0)', '(2)', '(-(2))'] });
    expect(parse('\\frac{-1 \\pm \\sqrt{5}}{2}')).toMatchObject({ kind: 'set', items: [{}, {}] });
  });

  it('records the digits of a decimal literal', () => {
    expect(parse('0.0833')).toMatchObject({ kind: 'scalar', scalar: { decimal: { places: 4, digits: 3 } } });
    expect(parse('-12.50')).toMatchObject({ kind: 'scalar', scalar: { decimal: { places: 1, digits: 3 } } });
    expect(parse('12')).not.toHaveProperty('scalar.decimal');
  });

  it('reads other relations as equations or text', () => {
    expect(shape(parse('x^2 + y^2 = 1'))).toEqual({ equation: ['((v_x ^ (2)) + (v_y ^ (2)))', '(1)'] });
    expect(parse('x < y').kind).toBe('text');
    expect(parse('1 < 2 > 0').kind).toBe('text');
  });

  it('keeps prose as text', () => {
    for (const raw of ['Monday', 'odd', '\\text{even}', 'Monday or Tuesday']) expect(parse(raw).kind).toBe('text');
  });

  it('keeps what is not mathematics it can evaluate as text', () => {
    for (const raw of ['1011_2', '2:3', '\\frac{1}{', '(1,)']) expect(parse(raw).kind).toBe('text');
  });

  it('carries percent and degree signs to every scalar', () => {
    const a = parse('(30^\\circ, 60^\\circ)');
    expect(a.kind === 'tuple' && a.items.every((i) => i.kind === 'scalar' && i.scalar.degrees)).toBe(true);
    const p = parse('50\\%');
    expect(p.kind === 'scalar' && p.scalar.percent).toBe(true);
  });

  it('gives up on answers too long or too large to compare cheaply', () => {
    expect(parse('1+'.repeat(1500) + '1').kind).toBe('text');
    expect(parse(Array.from({ length: 100 }, (_, i) => i).join(',')).kind).toBe('text');
  });
});
