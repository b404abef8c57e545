import { parseTrainerLogLine } from './parse-trainer-log-line';

describe('parseTrainerLogLine', () => {
  it('reads a LLaMA-Factory logging step', () => {
    const line =
      '{"current_steps": 10, "total_steps": 120, "loss": 0.4931, "lr": 4.9e-06, "epoch": 0.25, "percentage": 8.33, "elapsed_time": "0:01:05", "remaining_time": "1 day, 2:03:04"}';
    expect(parseTrainerLogLine(line)).toEqual({
      current_steps: 10,
      total_steps: 120,
      loss: 0.4931,
      lr: 4.9e-6,
      epoch: 0.25,
      percentage: 8.33,
      elapsed_s: 65,
      remaining_s: 86400 + 7384,
    });
  });

  it('reads the KL and rewards the embedded engine logs, and leaves them unset where a trainer logs none', () => {
    const line = '{"current_steps": 2, "total_steps": 4, "loss": 0.3, "lr": 5e-05, "kl": 0.0233, "rewards_chosen": -0.31, "rewards_rejected": 0}';
    expect(parseTrainerLogLine(line)).toMatchObject({ kl: 0.0233, rewards_chosen: -0.31, rewards_rejected: 0 });
    const plain = parseTrainerLogLine('{"current_steps": 2, "total_steps": 4, "loss": 0.3, "kl": "n/a"}');
    expect(plain).toBeDefined();
    expect([plain?.kl, plain?.rewards_chosen, plain?.rewards_rejected]).toEqual([undefined, undefined, undefined]);
  });

  it('accepts a step without the keys LLaMA-Factory drops when they are None', () => {
    expect(parseTrainerLogLine('{"current_steps": 3, "total_steps": 12, "elapsed_time": "0:00:09"}')).toEqual({
      current_steps: 3,
      total_steps: 12,
      loss: 0,
      lr: 0,
      epoch: 0,
      percentage: 25,
      elapsed_s: 9,
      remaining_s: 0,
    });
  });

  it('ignores torn lines and records without step counters', () => {
    expect(parseTrainerLogLine('{"current_steps": 3, "total_st')).toBeUndefined();
    expect(parseTrainerLogLine('{"train_loss": 0.5}')).toBeUndefined();
    expect(parseTrainerLogLine('[1, 2]')).toBeUndefined();
    expect(parseTrainerLogLine('{"current_steps": -1, "total_steps": 2}')).toBeUndefined();
  });
});
