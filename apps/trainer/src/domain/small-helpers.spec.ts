import { JobId } from './job-id';
import { jobFailure } from './job-failure';
import { tailLines } from './tail-lines';

describe('JobId', () => {
  it('round-trips run ids that themselves contain "-r<digits>"', () => {
    for (const [run, round] of [['run-r2', 7], ['a', 1], ['my_run-2024', 12]] as const) {
      expect(JobId.parse(JobId.format(run, round))).toEqual({ runId: run, round });
    }
  });

  it('rejects ids the trainer could not have made', () => {
    for (const id of ['run', 'run-r0', '../x-r1', 'run-r1x', '-r1', `${'a'.repeat(65)}-r1`]) expect(JobId.parse(id)).toBeUndefined();
  });
});

describe('tailLines', () => {
  it('keeps the last lines without trailing blank ones', () => {
    expect(tailLines('a\nb\nc\nd\n\n', 2)).toBe('c\nd');
    expect(tailLines('only', 5)).toBe('only');
  });
});

describe('jobFailure', () => {
  const base = { jobId: 'run-r2', command: 'llamafactory-cli train', logPath: '/runs/run/training/r2/train.log', tail: 'Traceback\nValueError: bad' };

  it('is FAILED_PRECONDITION when the command failed before training started', () => {
    const error = jobFailure({ ...base, exitCode: 1, progressed: false });
    expect(error.kind).toBe('failed_precondition');
    expect(error.message).toBe(
      'job run-r2: llamafactory-cli train exited with code 1 before the first training step; last lines of /runs/run/training/r2/train.log:\nTraceback\nValueError: bad',
    );
  });

  it('is INTERNAL when it failed mid-training or was killed from outside', () => {
    expect(jobFailure({ ...base, exitCode: 1, progressed: true }).kind).toBe('internal');
    const killed = jobFailure({ ...base, signal: 'SIGKILL', progressed: false });
    expect(killed.kind).toBe('internal');
    expect(killed.message).toContain('was killed by SIGKILL');
  });
});
