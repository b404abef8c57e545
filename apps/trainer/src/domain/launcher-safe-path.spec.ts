import { launcherSafePath } from './launcher-safe-path';

describe('launcherSafePath', () => {
  it('passes a path without whitespace through', () => {
    expect(launcherSafePath('/runs/r1/training/r1/train.yaml', 'runs_dir')).toBe('/runs/r1/training/r1/train.yaml');
  });

  it.each(['/my runs/x.yaml', '/runs/x\ty.yaml'])('refuses %p, naming the setting, before anything starts', (file) => {
    expect(() => launcherSafePath(file, 'runs_dir')).toThrow(expect.objectContaining({ kind: 'failed_precondition', message: expect.stringMatching(/^runs_dir .* contains whitespace/) }));
  });
});
