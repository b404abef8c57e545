/** One operation of a chain: the operator and its operand. */
export interface ChainStep {
  op: '+' | '-';
  operand: bigint;
}

/** A problem of the embedded domain: a start value and operations applied left to right. */
export interface Chain {
  start: bigint;
  steps: ChainStep[];
}

const CHAIN = /^\d+(?:[+-]\d+)+$/;

/** The chain a question writes ("7+5-3"), or undefined when it is not a chain of + and - on integers. */
export function parseChain(question: string): Chain | undefined {
  const text = question.trim();
  if (!CHAIN.test(text)) return undefined;
  const [first, ...rest] = text.split(/(?=[+-])/);
  return { start: BigInt(first), steps: rest.map((s) => ({ op: s[0] as '+' | '-', operand: BigInt(s.slice(1)) })) };
}

export function formatChain(chain: Chain): string {
  return String(chain.start) + chain.steps.map((s) => s.op + s.operand).join('');
}

export function applyStep(total: bigint, step: ChainStep): bigint {
  return step.op === '+' ? total + step.operand : total - step.operand;
}
