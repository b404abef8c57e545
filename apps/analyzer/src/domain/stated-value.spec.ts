import { statedValue } from './stated-value';

describe('statedValue', () => {
  it.each([
    ['(p,q)=(3,2)', '(3,2)'],
    ['f(x)=1', '1'],
    ['f^{-1}(3)=5', '5'],
    ["f'(x)=3x^2", '3x^2'],
    ['P(A)=\\frac{1}{4}', '\\frac{1}{4}'],
    ['AB=5', '5'],
    ['a_{n}=2n+1', '2n+1'],
    ['\\angle ABC=45', '45'],
    ['m\\angle A=30', '30'],
    ['|z|=5', '5'],
    ['Perimeter=36', '36'],
    ['the total=120', '120'],
  ])('drops the label of %s, keeping the equation as an alternative', (s, value) => {
    expect(statedValue(s)).toEqual({ text: value, alternatives: [s] });
  });

  it('takes the last side of a chain', () => {
    expect(statedValue('x=5+5+1=11')).toEqual({ text: '11', alternatives: [] });
    expect(statedValue('V=\\frac{4}{3}\\pi r^3=36\\pi')).toEqual({ text: '36\\pi', alternatives: [] });
    expect(statedValue('=42')).toEqual({ text: '42', alternatives: [] });
  });

  it('reads an equation without variables as a computation', () => {
    expect(statedValue('2^{10}=1024')).toEqual({ text: '1024', alternatives: [] });
    expect(statedValue('\\frac{6}{8}=\\frac{3}{4}')).toEqual({ text: '\\frac{3}{4}', alternatives: [] });
  });

  it('takes the decimal of an approximation, the exact side as an alternative', () => {
    expect(statedValue('x\\approx 11')).toEqual({ text: '11', alternatives: [] });
    expect(statedValue('\\frac{\\sqrt{3}}{2}\\approx 0.866')).toEqual({ text: '0.866', alternatives: ['\\frac{\\sqrt{3}}{2}'] });
  });

  it('reads membership in a set as the set', () => {
    expect(statedValue('x\\in[2,5]')).toEqual({ text: '[2,5]', alternatives: [] });
  });

  it('lists the values given to one variable, and keeps any other list whole', () => {
    expect(statedValue('x=1,x=2')).toEqual({ text: '1,2', alternatives: [] });
    expect(statedValue('x_{1}=2,x_{2}=3')).toEqual({ text: '2,3', alternatives: [] });
    expect(statedValue('x=1,2')).toEqual({ text: '1,2', alternatives: [] });
    expect(statedValue('x=1,y=2')).toEqual({ text: 'x=1,y=2', alternatives: [] });
  });

  it('keeps a real equation whole', () => {
    for (const s of ['x^2+y^2=1', '2x+4y-3=0', '2x+3=7']) expect(statedValue(s)).toEqual({ text: s, alternatives: [] });
  });

  it('leaves an answer without a statement alone', () => {
    expect(statedValue('\\frac{1}{2}')).toEqual({ text: '\\frac{1}{2}', alternatives: [] });
    expect(statedValue('')).toEqual({ text: '', alternatives: [] });
  });
});
