import { Rng } from '../util/rng';
import { evaluateExpression } from './expression';

export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

export interface Problem {
  question: string;
  answer: bigint;
  level: Level;
  knowledgePoints: string[];
}

interface LevelSpec {
  ops: number;
  addMax: number;
  mulMax: number;
  needMul: boolean;
  parens: boolean;
}

// Difficulty grows with the number of operations, the size of the operands and the presence of
// multiplication and parentheses: single-digit facts at level 1 up to two-digit operands under
// three operations at level 5. The steps are graded so that a model trained for half an hour on
// two cores masters the first levels, partly solves the middle ones and mostly fails the last.
const SPECS: Record<Level, LevelSpec> = {
  1: { ops: 1, addMax: 9, mulMax: 9, needMul: false, parens: false },
  2: { ops: 2, addMax: 9, mulMax: 9, needMul: false, parens: false },
  3: { ops: 2, addMax: 20, mulMax: 9, needMul: true, parens: false },
  4: { ops: 3, addMax: 30, mulMax: 9, needMul: true, parens: true },
  5: { ops: 3, addMax: 99, mulMax: 9, needMul: true, parens: true },
};

const POINT_NAMES: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul' };

export function generateProblem(rng: Rng, level: Level): Problem {
  const spec = SPECS[level];
  const ops: string[] = [];
  for (let i = 0; i < spec.ops; i++) ops.push(rng.pick(spec.mulMax > 0 ? ['+', '-', '*'] : ['+', '-']));
  if (spec.needMul && !ops.includes('*')) ops[rng.int(0, ops.length - 1)] = '*';
  const nums: number[] = [rng.int(1, spec.addMax)];
  for (const op of ops) nums.push(op === '*' ? rng.int(2, spec.mulMax) : rng.int(1, spec.addMax));
  const parts: string[] = nums.map(String);
  const knowledgePoints = [...new Set(ops.map((op) => POINT_NAMES[op]))];
  // A parenthesised sum multiplied by a number forces the model to reorder the evaluation.
  const mulAt = ops.indexOf('*');
  if (spec.parens && mulAt > 0 && rng.float() < 0.5 && ops[mulAt - 1] !== '*') {
    parts[mulAt - 1] = `(${parts[mulAt - 1]}`;
    parts[mulAt] = `${parts[mulAt]})`;
    knowledgePoints.push('paren');
  } else if (mulAt >= 0) {
    knowledgePoints.push('order');
  }
  let question = parts[0];
  ops.forEach((op, i) => (question += op + parts[i + 1]));
  return { question, answer: evaluateExpression(question), level, knowledgePoints };
}
