import { Rng } from '../util/rng';
import { applyStep, formatChain, type Chain, type ChainStep } from './chain';

/** Difficulty levels; level L is a chain of L + 2 operations (3 to 10). */
export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type Level = (typeof LEVELS)[number];

/** The levels the base checkpoint is taught to solve; the higher ones it must reach by itself. */
export const TAUGHT_LEVELS: readonly Level[] = [1, 2, 3, 4];

/** Operands, and the start value, are single digits. */
export const MAX_OPERAND = 9;

export interface Problem {
  question: string;
  /** The chain the question writes, kept so that derivations need not parse the question back. */
  chain: Chain;
  answer: bigint;
  level: Level;
  knowledgePoints: string[];
}

export function operationsOf(level: number): number {
  return level + 2;
}

/**
 * A chain of single-digit additions and subtractions, left to right, each sign and digit drawn
 * uniformly: the running total walks freely (negative too), so every chain of digits and signs a
 * generator may write is a problem of the same kind as the ones taught. Each line of a derivation
 * is an easy fact (a small total plus or minus a digit); what makes a level hard is the number of
 * lines, so errors are slips of keeping track that accumulate with length, as a real model's do.
 * Level L has 9 x 18^(L+2) distinct problems (52 488 at level 1).
 */
export function generateProblem(rng: Rng, level: Level): Problem {
  const start = BigInt(rng.int(1, MAX_OPERAND));
  const steps: ChainStep[] = Array.from({ length: operationsOf(level) }, () => ({ op: rng.float() < 0.5 ? '+' : '-', operand: BigInt(rng.int(1, MAX_OPERAND)) }));
  const chain: Chain = { start, steps };
  const answer = steps.reduce(applyStep, start);
  const knowledgePoints = [...new Set(steps.map((s) => (s.op === '+' ? 'add' : 'sub')))].sort();
  return { question: formatChain(chain), chain, answer, level, knowledgePoints };
}
