import { parseArithmetic, type ArithmeticNode } from './parse-arithmetic';

function value(node: ArithmeticNode): bigint {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'neg':
      return -value(node.arg);
    case 'bin': {
      const a = value(node.left);
      const b = value(node.right);
      return node.op === '+' ? a + b : node.op === '-' ? a - b : a * b;
    }
  }
}

/** Exact value of an integer arithmetic expression (BigInt: no overflow, no rounding); throws when malformed. */
export function evaluateArithmetic(text: string): bigint {
  return value(parseArithmetic(text));
}
