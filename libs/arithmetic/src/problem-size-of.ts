import { parseArithmetic, type ArithmeticNode } from './parse-arithmetic';

function operations(node: ArithmeticNode): number {
  if (node.kind === 'num') return 0;
  if (node.kind === 'neg') return operations(node.arg);
  return 1 + operations(node.left) + operations(node.right);
}

/**
 * The size of an arithmetic question: how many binary operations it takes (a derivation writes one
 * line per operation, so this is what makes a problem long). Undefined when the question is not an
 * integer arithmetic expression.
 */
export function problemSizeOf(question: string): number | undefined {
  try {
    return operations(parseArithmetic(question.trim()));
  } catch {
    return undefined;
  }
}
