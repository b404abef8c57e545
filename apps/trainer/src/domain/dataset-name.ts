/** Name of a round's dataset entry and the stem of its file, e.g. "aero_r2". */
export function datasetName(round: number): string {
  return `aero_r${round}`;
}
