import { bigMath } from './big-math';
import { exactValue, UNDEFINED_AT_POINT } from './exact-value';

const exact = (expr: string, scope: Record<string, string> = {}) => {
  const v = exactValue(
    bigMath.parse(expr),
    Object.fromEntries(Object.entries(scope).map(([k, f]) => [k, bigMath.fraction(f)])),
  );
  return v === null || v === UNDEFINED_AT_POINT ? v : v.toFraction();
};

describe('exactValue', () => {
  it('computes rational arithmetic exactly', () => {
    expect(exact('0.1 + 0.2')).toBe('3/10');
    expect(exact('1/3 + 1/6')).toBe('1/2');
    expect(exact('(2/3) ^ 3')).toBe('8/27');
    expect(exact('2 ^ -3')).toBe('1/8');
    expect(exact('-(5)')).toBe('-5');
    expect(exact('5!')).toBe('120');
    expect(exact('abs(-7/2) + floor(2.5) + ceil(0.1)')).toBe('13/2');
    expect(exact('4 ^ (1/2)')).toBe('2');
  });

  it('keeps integers beyond double precision exact', () => {
    expect(exact('2 ^ 100')).toBe('1267650600228229401496703205376');
    expect(exact('1000000000000000000001 - 1000000000000000000000')).toBe('1');
  });

  it('evaluates variables at the given rational point', () => {
    expect(exact('v_x ^ 2 + 1', { v_x: '1/2' })).toBe('5/4');
  });

  it('is null for values outside rational arithmetic', () => {
    for (const expr of ['sqrt(2)', 'pi', 'e', '2 ^ (1/2)', 'sin(1)', 'v_y', 'Infinity', 'i']) expect(exact(expr)).toBeNull();
  });

  it('is null for values too large to be worth computing exactly', () => {
    expect(exact('10 ^ (10 ^ 10)')).toBeNull();
    expect(exact('1000!')).toBeNull();
    expect(exact('1e-500')).toBeNull();
  });

  it('reports a division by zero as undefined at the point', () => {
    expect(exact('1 / 0')).toBe(UNDEFINED_AT_POINT);
    expect(exact('0 ^ -1')).toBe(UNDEFINED_AT_POINT);
    expect(exact('1 / (v_x - 2)', { v_x: '2' })).toBe(UNDEFINED_AT_POINT);
  });

  it('sums and multiplies over an integer range', () => {
    expect(exact('sumOver(v_k, 1, 10, v_k)')).toBe('55');
    expect(exact('sumOver(v_k, 1, v_n, 1 / (v_k * (v_k + 1)))', { v_n: '4' })).toBe('4/5');
    expect(exact('productOver(v_k, 1, 5, v_k)')).toBe('120');
    expect(exact('sumOver(v_k, 3, 2, v_k)')).toBe('0');
  });

  it('is null for a range that is not integer or too long', () => {
    expect(exact('sumOver(v_k, 1, v_n, v_k)', { v_n: '5/2' })).toBeNull();
    expect(exact('sumOver(v_k, 1, 100000, v_k)')).toBeNull();
    expect(exact('sumOver(v_k, 1, 3, sqrt(v_k))')).toBeNull();
  });

  it('bounds the terms of nested and side-by-side ranges together, not each range alone', () => {
    expect(exact('sumOver(v_a, 1, 1000, sumOver(v_b, 1, 1000, v_a * v_b))')).toBeNull();
    expect(exact('sumOver(v_a, 1, 2000, v_a) + sumOver(v_b, 1, 2000, v_b) + sumOver(v_c, 1, 2000, v_c) + sumOver(v_d, 1, 2000, v_d) + 1')).toBe('8004001');
    expect(exact('sumOver(v_a, 1, 2000, v_a) + sumOver(v_b, 1, 2000, v_b) + sumOver(v_c, 1, 2000, v_c) + sumOver(v_d, 1, 2000, v_d) + sumOver(v_e, 1, 1, v_e)')).toBeNull();
  });
});
