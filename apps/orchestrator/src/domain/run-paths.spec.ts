import { Phase, RoundSummary, RunEvent } from '@aero/contracts';
import { RunPaths } from './run-paths';

describe('RunPaths', () => {
  const paths = new RunPaths('/store/run');

  it('records a path inside the store relative to the run folder, and every other path as it is', () => {
    expect(paths.portable('/store/run/training/r1/model')).toBe('./training/r1/model');
    expect(paths.portable('/store/run')).toBe('.');
    expect(paths.portable('/store/base/training/r2/model')).toBe('../base/training/r2/model');
    expect(paths.portable('/models/base')).toBe('/models/base');
    expect(paths.portable('/store-b/x')).toBe('/store-b/x');
    expect(paths.portable('Qwen/Qwen3-8B-Base')).toBe('Qwen/Qwen3-8B-Base');
    expect(paths.portable('')).toBe('');
  });

  it('reads a recorded path where the run folder is now', () => {
    const moved = new RunPaths('/elsewhere/runs/run');
    for (const p of ['/store/run/training/r1/model', '/store/base/training/r2/model']) {
      expect(moved.resolve(paths.portable(p))).toBe(p.replace('/store/', '/elsewhere/runs/'));
    }
    expect(moved.resolve('/models/base')).toBe('/models/base');
    expect(moved.resolve('Qwen/Qwen3-8B-Base')).toBe('Qwen/Qwen3-8B-Base');
    expect(moved.resolve('')).toBe('');
  });

  it('reads the absolute paths of a run recorded before, under the folder it was created in, as under the folder it is in now', () => {
    const old = new RunPaths('/new/runs/run', '/old/runs/run');
    expect(old.resolve('/old/runs/run/training/r1/model')).toBe('/new/runs/run/training/r1/model');
    expect(old.resolve('/old/runs/run-2/training/r1/model')).toBe('/old/runs/run-2/training/r1/model');
    expect(old.resolve('/models/base')).toBe('/models/base');
    expect(new RunPaths('/old/runs/run', '/old/runs/run').resolve('/old/runs/run/x')).toBe('/old/runs/run/x');
  });

  it('maps the path of every event that names a file, and leaves the rest of the event alone', () => {
    const event = (body: RunEvent['event']): RunEvent => ({ ...RunEvent.fromPartial({ sequence: 1, round: 1 }), event: body });
    const dataset = { dataset: 'aero_r1', dataset_dir: '/store/run/datasets', dataset_path: '/store/run/datasets/aero_r1.jsonl', total: 1, fresh: 1, replayed: 0, counts: [], warnings: [] };
    const events = [
      event({ $case: 'model_served', value: { checkpoint: '/store/base/training/r1/model', metrics_url: '' } }),
      event({ $case: 'dataset_built', value: dataset }),
      event({ $case: 'model_trained', value: { job_id: 'j', model_path: '/store/run/training/r1/model', metrics: {}, skipped_reason: '' } }),
      event({ $case: 'round_finished', value: RoundSummary.fromPartial({ round: 1, model_path: '/store/run/training/r1/model', dataset }) }),
      event({ $case: 'phase_changed', value: { phase: Phase.PHASE_TRAINING } }),
    ];
    const recorded = events.map((e) => RunEvent.toJSON(paths.portableEvent(e)));
    expect(recorded.map((e) => JSON.stringify(e).match(/"[^"]*\/[^"]*"/g))).toEqual([
      ['"../base/training/r1/model"'],
      ['"./datasets"', '"./datasets/aero_r1.jsonl"'],
      ['"./training/r1/model"'],
      ['"./training/r1/model"', '"./datasets"', '"./datasets/aero_r1.jsonl"'],
      null,
    ]);
    expect(recorded.map((e) => paths.resolveEvent(RunEvent.fromJSON(e)))).toEqual(events);
  });
});
