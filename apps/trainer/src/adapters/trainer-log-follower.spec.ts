import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TrainProgress } from '@aero/contracts';
import { TrainerLogFollower } from './trainer-log-follower';

const step = (n: number) => JSON.stringify({ current_steps: n, total_steps: 4, loss: 0.5 - n / 100, lr: 1e-5, epoch: n / 4, percentage: 25 * n, elapsed_time: '0:00:01', remaining_time: '0:00:03' }) + '\n';

describe('TrainerLogFollower', () => {
  it('reports each complete line once as the file grows, waiting for torn lines to finish', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-log-')), 'trainer_log.jsonl');
    const seen: TrainProgress[] = [];
    const follower = new TrainerLogFollower(file, (p) => seen.push(p));
    follower.poll(); // not there yet
    fs.writeFileSync(file, step(1) + step(2).slice(0, 20));
    follower.poll();
    expect(seen.map((p) => p.current_steps)).toEqual([1]);
    fs.appendFileSync(file, step(2).slice(20) + step(3));
    follower.poll();
    follower.poll();
    expect(seen.map((p) => p.current_steps)).toEqual([1, 2, 3]);
    expect(seen[2]).toMatchObject({ total_steps: 4, percentage: 75, elapsed_s: 1, remaining_s: 3 });
  });

  it('starts over when the trainer recreates the file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-log-')), 'trainer_log.jsonl');
    const seen: number[] = [];
    const follower = new TrainerLogFollower(file, (p) => seen.push(p.current_steps));
    fs.writeFileSync(file, step(1) + step(2) + step(3));
    follower.poll();
    fs.writeFileSync(file, step(1));
    follower.poll();
    expect(seen).toEqual([1, 2, 3, 1]);
  });

  it("sends every step again with the KL and rewards of LLaMA-Factory's trainer_state.json, once training ended", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-log-'));
    const [file, state] = [path.join(dir, 'trainer_log.jsonl'), path.join(dir, 'trainer_state.json')];
    const seen: TrainProgress[] = [];
    const follower = new TrainerLogFollower(file, (p) => seen.push(p));
    follower.complete(state); // no trainer_state.json (the embedded engine): nothing to add
    fs.writeFileSync(file, step(1) + step(2));
    follower.poll();
    const history = [1, 2].map((n) => ({ epoch: n / 4, grad_norm: 3.2, kl: n / 50, learning_rate: 1e-5, loss: 0.5 - n / 100, 'rewards/chosen': n / 10, 'rewards/margins': n / 5, 'rewards/rejected': -n / 10, step: n }));
    fs.writeFileSync(state, JSON.stringify({ global_step: 2, log_history: [...history, { epoch: 0.5, step: 2, train_loss: 0.485, train_runtime: 4.2 }] }, null, 2));
    follower.complete(state);
    expect(seen.map((p) => [p.current_steps, p.loss, p.kl, p.rewards_chosen, p.rewards_rejected])).toEqual([
      [1, 0.49, undefined, undefined, undefined],
      [2, 0.48, undefined, undefined, undefined],
      [1, 0.49, 0.02, 0.1, -0.1],
      [2, 0.48, 0.04, 0.2, -0.2],
    ]);
    follower.complete(state); // already complete: not sent a third time
    expect(seen).toHaveLength(4);
  });

  it('sends nothing again when the steps already carry KL and rewards (the embedded engine logs them)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-log-'));
    const [file, state] = [path.join(dir, 'trainer_log.jsonl'), path.join(dir, 'trainer_state.json')];
    const seen: TrainProgress[] = [];
    const follower = new TrainerLogFollower(file, (p) => seen.push(p));
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(step(1)), kl: 0.01, rewards_chosen: 0.1, rewards_rejected: -0.1 }) + '\n');
    fs.writeFileSync(state, JSON.stringify({ log_history: [{ kl: 0.01, 'rewards/chosen': 0.1, 'rewards/rejected': -0.1, loss: 0.49, step: 1 }] }));
    follower.poll();
    follower.complete(state);
    expect(seen).toHaveLength(1);
  });
});
