import { BIG_OPERATORS } from './big-operators';

type Token = { kind: 'num' | 'letter' | 'cmd' | 'char'; text: string };

/** Prefix of every variable, so that no answer letter collides with a mathjs constant (e, i, phi, tau, E). */
export const VARIABLE_PREFIX = 'v_';

const GREEK = new Set(
  ('alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho varrho sigma ' +
    'tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega').split(' '),
);
const FUNCTIONS: Record<string, string> = {
  sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  ln: 'log', exp: 'exp',
};
const INVERSE: Record<string, string> = { sin: 'asin', cos: 'acos', tan: 'atan' };
const LIST_FUNCTIONS: Record<string, string> = { gcd: 'gcd', lcm: 'lcm', max: 'max', min: 'min' };
const MULTIPLY = new Set(['cdot', 'times', 'ast']);
const FLOORS: Record<string, [string, string]> = { lfloor: ['rfloor', 'floor'], lceil: ['rceil', 'ceil'] };

/** Deepest nesting of brackets read as mathematics; answers nest a few levels. */
const MAX_NESTING = 100;

class NotMath extends Error {}

const isFunction = (t: Token) => t.kind === 'cmd' && (t.text in FUNCTIONS || t.text === 'log');

/**
 * Translates one scalar LaTeX expression (already normalised) into a fully parenthesised mathjs
 * expression, or null when it is not one. LaTeX reading conventions: juxtaposition multiplies
 * (`2\pi r`, `xy`), `\sin 2x` is sin(2x), `\sin^2 x` is sin(x)^2 and `\sin^{-1}` the inverse, `\log`
 * without a base is base 10, an integer directly followed by `\frac{p}{q}` of integers is a mixed
 * number (`2\frac{1}{2}` = 5/2, as MATH answers write them), and `^` takes a whole number (`2^10`).
 * `\sum_{k=1}^{n}` and `\prod` take the product that follows as their body (`\sum_{k=1}^n k + 1`
 * is (Σ k) + 1), `\int_a^b ... dx` the expression up to its differential, `\lim_{x \to a}` the
 * product that follows.
 */
export function latexToMathjs(latex: string): string | null {
  try {
    const tokens = tokenize(latex);
    if (tokens.length === 0) return null;
    const parser = new Parser(tokens);
    const out = parser.sum();
    if (!parser.done()) return null;
    return out;
  } catch (error) {
    if (error instanceof NotMath) return null;
    throw error;
  }
}

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|(\d+(?:\.\d+)?(?:[eE][+-]?\d+(?![A-Za-z]))?|\.\d+)|\\([A-Za-z]+)|\\(.)|([A-Za-z])|(.)/gsy;
  for (let m = re.exec(s); m && m[0] !== ''; m = re.exec(s)) {
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'cmd', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'char', text: `\\${m[3]}` });
    else if (m[4] !== undefined) tokens.push({ kind: 'letter', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'char', text: m[5] });
  }
  return tokens;
}

class Parser {
  private pos = 0;
  private absDepth = 0;
  private readonly closers: string[] = [];

  constructor(
    private readonly tokens: Token[],
    /** Letters bound by an enclosing big operator: `i` and `e` there are variables, not constants. */
    private readonly bound: Set<string> = new Set(),
  ) {}

  done(): boolean {
    return this.pos === this.tokens.length;
  }

  sum(): string {
    let out = this.term();
    for (let t = this.peek(); t && t.kind === 'char' && (t.text === '+' || t.text === '-'); t = this.peek()) {
      this.pos++;
      out = `(${out} ${t.text} ${this.term()})`;
    }
    return out;
  }

  private term(): string {
    let out = this.signed();
    for (;;) {
      const t = this.peek();
      if (!t) return out;
      if ((t.kind === 'char' && (t.text === '*' || t.text === '/')) || (t.kind === 'cmd' && (MULTIPLY.has(t.text) || t.text === 'div'))) {
        this.pos++;
        const op = t.text === '/' || t.text === 'div' ? '/' : '*';
        out = `(${out} ${op} ${this.signed()})`;
      } else if (this.startsPrimary(t)) {
        out = `(${out} * ${this.power()})`;
      } else {
        return out;
      }
    }
  }

  private signed(): string {
    const t = this.peek();
    if (t?.kind === 'char' && (t.text === '-' || t.text === '+')) {
      this.pos++;
      const operand = this.signed();
      return t.text === '-' ? `(-${operand})` : operand;
    }
    return this.mixedNumber() ?? this.power();
  }

  private power(): string {
    const base = this.postfix();
    if (!this.take('char', '^')) return base;
    return `(${base} ^ ${this.exponent()})`;
  }

  /** `^` takes a brace group, or one signed atom (a whole number, not LaTeX's single digit). */
  private exponent(): string {
    if (this.take('char', '{')) return this.group('}');
    const t = this.next();
    if (t.kind === 'char' && (t.text === '-' || t.text === '+')) {
      const operand = this.exponent();
      return t.text === '-' ? `(-${operand})` : operand;
    }
    this.pos--;
    return this.postfix();
  }

  private postfix(): string {
    let out = this.primary();
    while (this.take('char', '!')) out = `(${out})!`;
    return out;
  }

  private primary(): string {
    const t = this.next();
    switch (t.kind) {
      case 'num':
        return `(${t.text})`;
      case 'letter':
        return this.letter(t.text);
      case 'cmd':
        return this.command(t.text);
      case 'char':
        if (t.text === '(') return `(${this.group(')')})`;
        if (t.text === '[') return `(${this.group(']')})`;
        if (t.text === '{') return `(${this.group('}')})`;
        if (t.text === '|' && this.absDepth === 0) {
          this.absDepth++;
          const inner = this.group('|');
          this.absDepth--;
          return `abs(${inner})`;
        }
    }
    throw new NotMath();
  }

  private letter(name: string): string {
    const sub = this.subscript();
    if (sub === '' && (name === 'e' || name === 'i') && !this.bound.has(name)) return name;
    return VARIABLE_PREFIX + name + (sub && `_${sub}`);
  }

  /** `_1`, `_{12}`, `_n`: part of a variable's name. */
  private subscript(): string {
    if (!this.take('char', '_')) return '';
    let text = '';
    if (this.take('char', '{')) {
      for (let t = this.next(); !(t.kind === 'char' && t.text === '}'); t = this.next()) text += t.text;
    } else {
      text = this.next().text;
    }
    if (!/^[A-Za-z0-9]+$/.test(text)) throw new NotMath();
    return text;
  }

  private command(name: string): string {
    if (name === 'pi') return 'pi';
    if (name === 'infty') return 'Infinity';
    if (GREEK.has(name)) {
      const sub = this.subscript();
      return VARIABLE_PREFIX + name + (sub && `_${sub}`);
    }
    if (name === 'frac') return `((${this.braced()}) / (${this.braced()}))`;
    if (name === 'binom') return `combinations(${this.braced()}, ${this.braced()})`;
    if (name === 'sqrt') {
      if (this.take('char', '[')) {
        const index = this.group(']');
        return `nthRoot(${this.braced()}, ${index})`;
      }
      return `sqrt(${this.braced()})`;
    }
    if (name === 'log') return this.logarithm();
    if (name === 'sum' || name === 'prod') return this.rangeOperator(name === 'sum' ? BIG_OPERATORS.sum : BIG_OPERATORS.product);
    if (name === 'int') return this.integral();
    if (name === 'lim') return this.limit();
    if (name in FUNCTIONS) return this.function(name);
    if (name in LIST_FUNCTIONS) {
      this.expect('(');
      const args = [this.sum()];
      while (this.take('char', ',')) args.push(this.sum());
      this.expect(')');
      return `${LIST_FUNCTIONS[name]}(${args.join(', ')})`;
    }
    if (name in FLOORS) {
      const [close, fn] = FLOORS[name];
      this.closers.push(close);
      const inner = this.sum();
      this.closers.pop();
      if (!this.take('cmd', close)) throw new NotMath();
      return `${fn}(${inner})`;
    }
    throw new NotMath();
  }

  private function(name: string): string {
    let fn = FUNCTIONS[name];
    let power = '';
    if (this.take('char', '^')) {
      const exponent = this.exponent();
      if (exponent === '(-(1))' && INVERSE[name]) fn = INVERSE[name];
      else power = exponent;
    }
    const applied = `${fn}(${this.argument()})`;
    return power ? `(${applied} ^ ${power})` : applied;
  }

  private logarithm(): string {
    const base = this.take('char', '_') ? (this.take('char', '{') ? this.group('}') : this.primary()) : '';
    const arg = this.argument();
    return base ? `log(${arg}, ${base})` : `log10(${arg})`;
  }

  /** A function's argument: a bracketed group, or the juxtaposed product that follows (`\sin 2x`). */
  private argument(): string {
    const t = this.peek();
    if (t?.kind === 'char' && (t.text === '(' || t.text === '{')) {
      this.pos++;
      return this.group(t.text === '(' ? ')' : '}');
    }
    return this.product();
  }

  /** Juxtaposed factors up to the next operator or function name: `2^k k`, `\frac{1}{k}`. */
  private product(): string {
    let out = this.power();
    for (let n = this.peek(); n && this.startsPrimary(n) && !isFunction(n); n = this.peek()) out = `(${out} * ${this.power()})`;
    return out;
  }

  /** `\sum_{k=1}^{n} body`, `\prod_{k=1}^{n} body`. */
  private rangeOperator(fn: string): string {
    this.expect('_');
    this.expect('{');
    const index = this.next();
    if (index.kind !== 'letter') throw new NotMath();
    this.expect('=');
    const lower = this.group('}');
    this.expect('^');
    const upper = this.exponent();
    return `${fn}(${VARIABLE_PREFIX}${index.text}, ${lower}, ${upper}, ${this.within(index.text, () => this.product())})`;
  }

  /** `\int_a^b body\,dx`: the body is everything up to the differential `d<letter>` outside brackets. */
  private integral(): string {
    this.expect('_');
    const lower = this.take('char', '{') ? this.group('}') : this.primary();
    this.expect('^');
    const upper = this.exponent();
    let depth = 0;
    let end = this.pos;
    for (; end < this.tokens.length - 1; end++) {
      const t = this.tokens[end];
      if (t.kind === 'char' && '([{'.includes(t.text)) depth++;
      else if (t.kind === 'char' && ')]}'.includes(t.text)) depth--;
      else if (depth === 0 && t.kind === 'letter' && t.text === 'd' && this.tokens[end + 1].kind === 'letter') break;
    }
    const variable = this.tokens[end + 1];
    if (end >= this.tokens.length - 1 || variable.kind !== 'letter') throw new NotMath();
    const inner = new Parser(this.tokens.slice(this.pos, end), new Set([...this.bound, variable.text]));
    const body = inner.sum();
    if (!inner.done()) throw new NotMath();
    this.pos = end + 2;
    return `${BIG_OPERATORS.integral}(${VARIABLE_PREFIX}${variable.text}, ${lower}, ${upper}, ${body})`;
  }

  /** `\lim_{x \to a} body`. */
  private limit(): string {
    this.expect('_');
    this.expect('{');
    const variable = this.next();
    if (variable.kind !== 'letter' || !(this.take('cmd', 'to') || this.take('cmd', 'rightarrow'))) throw new NotMath();
    const point = this.group('}');
    return `${BIG_OPERATORS.limit}(${VARIABLE_PREFIX}${variable.text}, ${point}, ${this.within(variable.text, () => this.product())})`;
  }

  /** Parses with `letter` bound, so that an index named i or e is a variable. */
  private within(letter: string, parse: () => string): string {
    const added = !this.bound.has(letter);
    this.bound.add(letter);
    try {
      return parse();
    } finally {
      if (added) this.bound.delete(letter);
    }
  }

  /** `2\frac{1}{2}`: an integer glued to a fraction of integers, where a factor may start. */
  private mixedNumber(): string | null {
    const [whole, frac, o1, num, c1, o2, den, c2] = this.tokens.slice(this.pos, this.pos + 8);
    const isInt = (t?: Token) => t?.kind === 'num' && /^\d+$/.test(t.text);
    const is = (t: Token | undefined, text: string) => t?.kind === 'char' && t.text === text;
    if (!isInt(whole) || frac?.kind !== 'cmd' || frac.text !== 'frac') return null;
    if (!is(o1, '{') || !isInt(num) || !is(c1, '}') || !is(o2, '{') || !isInt(den) || !is(c2, '}')) return null;
    if (Number(num.text) >= Number(den.text)) return null;
    this.pos += 8;
    return `((${whole.text}) + (${num.text}) / (${den.text}))`;
  }

  private braced(): string {
    this.expect('{');
    return this.group('}');
  }

  /** Parses a sum and the closing character, which must come next. */
  private group(close: string): string {
    // Each level is a handful of stack frames: two thousand `{` would overflow the stack.
    if (this.closers.length >= MAX_NESTING) throw new NotMath();
    this.closers.push(close);
    const inner = this.sum();
    this.closers.pop();
    this.expect(close);
    return inner;
  }

  private startsPrimary(t: Token): boolean {
    if (t.kind === 'num' || t.kind === 'letter') return true;
    if (t.kind === 'cmd') return !MULTIPLY.has(t.text) && t.text !== 'div' && !this.closers.includes(t.text);
    if (t.text === '|') return this.absDepth === 0;
    return t.text === '(' || t.text === '[' || t.text === '{';
  }

  private expect(text: string): void {
    if (!this.take('char', text)) throw new NotMath();
  }

  private take(kind: Token['kind'], text: string): boolean {
    const t = this.tokens[this.pos];
    if (t?.kind !== kind || t.text !== text) return false;
    this.pos++;
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new NotMath();
    return t;
  }
}
