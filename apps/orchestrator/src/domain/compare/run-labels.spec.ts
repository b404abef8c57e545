import { runLabels } from './run-labels';

describe('runLabels', () => {
  it("drops what one sweep's runs share before and after the set name", () => {
    expect(runLabels(['sweep-mxa57dcp-paper-rej0-s0', 'sweep-mxa57dcp-code-rej0-s0'])).toEqual(['paper', 'code']);
  });

  it('keeps the seed when it is what tells the runs apart', () => {
    expect(runLabels(['sweep-a-paper-s0', 'sweep-a-paper-s1', 'sweep-a-code-s0'])).toEqual(['paper-s0', 'paper-s1', 'code-s0']);
  });

  it('keeps a whole id that is a prefix of another', () => {
    expect(runLabels(['run-a', 'run-a-b'])).toEqual(['a', 'a-b']);
  });

  it('keeps the end of a label too long for a legend slot', () => {
    expect(runLabels(['sweep-mxa57dcp-paper-rej0-s0', 'sweep-mxa57dcp-paper-rej0-q512-s0', 'sweep-mxa7i987-paper-rej0-q512-s1'])).toEqual([
      '…dcp-paper-rej0-s0',
      '…aper-rej0-q512-s0',
      '…aper-rej0-q512-s1',
    ]);
  });

  it('numbers the runs when short labels would be alike', () => {
    expect(runLabels(['a-b', 'a-b-b'])).toEqual(['run 1', 'run 2']);
    expect(runLabels(['aaaa-long-set-name-number-1', 'bbbb-long-set-name-number-1', 'c'])).toEqual(['run 1', 'run 2', 'run 3']);
  });
});
