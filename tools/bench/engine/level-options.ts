import { LEVELS } from '../../../apps/engine/src/domain/generate-problem';

/** The value of a command-line option that must be a positive integer, or an error naming it. */
export function positiveInt(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes positive integers, got ${JSON.stringify(text)}`);
  return value;
}

/** `--levels 5,6,7,8`: benchmark levels, each one of the domain's. */
export function levelsOption(text: string | undefined): number[] {
  const levels = (text ?? '').split(',').map((l) => positiveInt(l, '--levels'));
  const unknown = levels.filter((l) => !(LEVELS as readonly number[]).includes(l));
  if (unknown.length > 0) throw new Error(`--levels takes levels ${LEVELS.join(',')}, got ${unknown.join(',')}`);
  return levels;
}
