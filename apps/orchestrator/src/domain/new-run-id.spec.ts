import { newRunId } from './new-run-id';
import { RUN_ID_PATTERN } from './run-id-pattern';

describe('newRunId', () => {
  it('is a valid run id that starts with the creation time', () => {
    const id = newRunId(new Date('2026-03-04T05:06:07.890Z'), () => 0.5);
    expect(id).toMatch(RUN_ID_PATTERN);
    expect(id.startsWith('run-20260304-050607-')).toBe(true);
  });

  it('differs for two runs in the same second', () => {
    const now = new Date();
    expect(newRunId(now, () => 0.1)).not.toBe(newRunId(now, () => 0.2));
  });
});
