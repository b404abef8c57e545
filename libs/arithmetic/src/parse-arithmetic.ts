/** A binary operation of integer arithmetic. */
export type ArithmeticOp = '+' | '-' | '*';

/** The syntax tree of an integer arithmetic expression. */
export type ArithmeticNode =
  | { kind: 'num'; value: bigint }
  | { kind: 'neg'; arg: ArithmeticNode }
  | { kind: 'bin'; op: ArithmeticOp; left: ArithmeticNode; right: ArithmeticNode };

type Token = { kind: 'num'; value: bigint } | { kind: 'op'; op: ArithmeticOp } | { kind: 'lparen' } | { kind: 'rparen' };

/** Most characters an expression may have: the domain's questions are a few dozen, and parsing is recursive. */
export const MAX_EXPRESSION_LENGTH = 200;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch === ' ') {
      i++;
    } else if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
      tokens.push({ kind: 'num', value: BigInt(text.slice(i, j)) });
      i = j;
    } else if (ch === '+' || ch === '-' || ch === '*') {
      tokens.push({ kind: 'op', op: ch });
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen' });
      i++;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(ch)}`);
    }
  }
  return tokens;
}

/**
 * Parses integer arithmetic over + - * with parentheses and unary minus, with the usual precedence.
 * Two numbers side by side ("12 3", "2(3)") are an error, never an implicit product, and so is
 * anything but digits, operators, parentheses and spaces.
 */
export function parseArithmetic(text: string): ArithmeticNode {
  if (text.length > MAX_EXPRESSION_LENGTH) throw new Error(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (): never => {
    throw new Error(`malformed expression ${JSON.stringify(text)}`);
  };
  const primary = (): ArithmeticNode => {
    const t = tokens[pos++];
    if (t?.kind === 'num') return t;
    if (t?.kind === 'op' && t.op === '-') return { kind: 'neg', arg: primary() };
    if (t?.kind !== 'lparen') return fail();
    const inner = sum();
    if (tokens[pos++]?.kind !== 'rparen') fail();
    return inner;
  };
  const product = (): ArithmeticNode => {
    let node = primary();
    for (let t = tokens[pos]; t?.kind === 'op' && t.op === '*'; t = tokens[pos]) {
      pos++;
      node = { kind: 'bin', op: '*', left: node, right: primary() };
    }
    return node;
  };
  const sum = (): ArithmeticNode => {
    let node = product();
    for (let t = tokens[pos]; t?.kind === 'op' && t.op !== '*'; t = tokens[pos]) {
      pos++;
      node = { kind: 'bin', op: t.op, left: node, right: product() };
    }
    return node;
  };
  const tree = sum();
  if (pos !== tokens.length) fail();
  return tree;
}
