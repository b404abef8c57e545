/**
 * One scalar expression of an answer: a fully parenthesised mathjs expression (variables prefixed,
 * see latex-to-mathjs) plus the signs normalisation removed, which widen the values it may stand for.
 */
export interface Scalar {
  expr: string;
  /** Written with %: stands for expr or expr / 100. */
  percent: boolean;
  /** Written with °: stands for expr (degrees) or expr · π / 180 (radians). */
  degrees: boolean;
  /** Written as a plain decimal literal: how many digits it gives, which says how it may have been rounded. */
  decimal?: DecimalDigits;
}

/** The digits of a decimal literal: `0.0833` has 4 places and 3 significant digits. */
export interface DecimalDigits {
  places: number;
  digits: number;
}

/** The structure of a normalised answer, as compared by compareAnswers. */
export type Answer =
  | { kind: 'scalar'; scalar: Scalar }
  /** Not mathematics we can evaluate: compared as text. */
  | { kind: 'text'; text: string }
  /** Ordered and bracketed: points, vectors, intervals (the brackets matter: (1, 2] is not [1, 2]). */
  | { kind: 'tuple'; open: '(' | '['; close: ')' | ']'; items: Answer[] }
  /** Unordered: \{...\}, bare comma lists of solutions, the two values of ±, \emptyset. */
  | { kind: 'set'; items: Answer[] }
  /** Intervals or sets joined by \cup, in any order. */
  | { kind: 'union'; items: Answer[] }
  | { kind: 'matrix'; rows: Answer[][] }
  /** An equation that is not a plain "x = value" assignment, e.g. x^2 + y^2 = 1. */
  | { kind: 'equation'; lhs: Scalar; rhs: Scalar };

/** How two answers compare, and by what kind of evidence. */
export interface Comparison {
  result: 'equal' | 'different' | 'unknown';
  /** normalized: textual identity; symbolic: exact rational arithmetic; numeric: 64-digit evaluation. */
  method: 'normalized' | 'symbolic' | 'numeric';
}
