import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineCli } from './testing/start-serve';

jest.setTimeout(60_000);

describe('pretrain CLI', () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'pretrain-cli-')), 'model');

  it.each([
    [['--recipe', 'final'], 'option --recipe must be pretrained or base, got "final"'],
    [['--role-mix', '1,1'], 'role mix must be 4 non-negative numbers (solver, refiner, generator, judge), not all zero; got 1,1'],
    [['--level-weights', '1,1,1'], 'level weights must be 8 non-negative numbers, not all zero; got 1,1,1'],
    [['--level-weights', '0,0,0,0,0,0,0,0'], 'level weights must be 8 non-negative numbers'],
    [['--refiner-level-weights', '1,1,1,1,1,1'], 'refiner level weights must be 8 non-negative numbers, not all zero; got 1,1,1,1,1,1'],
    [['--position-shift', '-1'], 'position shift must be a non-negative integer; got -1'],
    [['--positions', 'rotary'], 'option --positions must be learned, none or alibi, got "rotary"'],
    [['--refiner-wrong-share', '-0.1'], 'refiner wrong share must be between 0 and 1; got -0.1'],
    [['--init-from', '/nonexistent/model'], 'checkpoint file not found: /nonexistent/model'],
    [['--d-model', '96', '--heads', '5'], 'model: dModel must be a multiple of 8 and of 4 x nHeads'],
  ])('%j fails naming what is wrong, and writes nothing', async (args, message) => {
    const r = await engineCli(['pretrain', '--out', out, '--steps', '1', ...args]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('exits non-zero saying "disk full" when its log cannot be written, stopping its threads, and writes no checkpoint', async () => {
    // /dev/full: every write to it fails with ENOSPC, as on a full disk.
    const args = ['--steps', '2', '--tokens-per-step', '64', '--context', '64', '--d-model', '16', '--layers', '1', '--heads', '2', '--workers', '2', '--eval-every', '0'];
    const r = await engineCli(['pretrain', '--out', out, '--log', '/dev/full', ...args]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe('error: disk full: /dev/full');
    expect(existsSync(out)).toBe(false);
  });
});
