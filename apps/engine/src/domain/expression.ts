/** Integer arithmetic expressions over + - * and parentheses, evaluated exactly with BigInt. */
export type Token = { kind: 'num'; value: bigint } | { kind: 'op'; op: '+' | '-' | '*' } | { kind: 'lparen' } | { kind: 'rparen' };

export function tokenizeExpression(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const s = text.replace(/\s+/g, '');
  if (s.length === 0) throw new Error('empty expression');
  while (i < s.length) {
    const ch = s[i];
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      tokens.push({ kind: 'num', value: BigInt(s.slice(i, j)) });
      i = j;
    } else if (ch === '+' || ch === '-' || ch === '*') {
      tokens.push({ kind: 'op', op: ch });
      i++;
    } else if (ch === '(') {
      tokens.push({ kind: 'lparen' });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'rparen' });
      i++;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(ch)} in expression ${JSON.stringify(text)}`);
    }
  }
  return tokens;
}

/** Exact value of an expression; throws on anything that is not a well-formed expression. */
export function evaluateExpression(text: string): bigint {
  const tokens = tokenizeExpression(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (): never => {
    throw new Error(`malformed expression ${JSON.stringify(text)}`);
  };
  const primary = (): bigint => {
    const t = peek();
    if (!t) return fail();
    if (t.kind === 'num') {
      pos++;
      return t.value;
    }
    if (t.kind === 'op' && t.op === '-') {
      pos++;
      return -primary();
    }
    if (t.kind === 'lparen') {
      pos++;
      const v = sum();
      if (peek()?.kind !== 'rparen') fail();
      pos++;
      return v;
    }
    return fail();
  };
  const product = (): bigint => {
    let v = primary();
    for (let t = peek(); t?.kind === 'op' && t.op === '*'; t = peek()) {
      pos++;
      v *= primary();
    }
    return v;
  };
  const sum = (): bigint => {
    let v = product();
    for (let t = peek(); t?.kind === 'op' && t.op !== '*'; t = peek()) {
      pos++;
      v = t.op === '+' ? v + product() : v - product();
    }
    return v;
  };
  const v = sum();
  if (pos !== tokens.length) fail();
  return v;
}
