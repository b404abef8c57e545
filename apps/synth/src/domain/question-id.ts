/** Stable id of a question inside its run, "r{round}-q{index}" with the index padded to 4 digits. */
export function questionId(round: number, index: number): string {
  return `r${round}-q${String(index).padStart(4, '0')}`;
}
