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
});
