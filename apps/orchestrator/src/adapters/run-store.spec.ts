import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { KtoExample, Question, QuestionRecord, Role, RunEvent } from '@aero/contracts';
import { failingFileSystem } from '@aero/files';
import { RunSession } from '../application/run-session';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { RunStore } from './run-store';

const newStore = () => new RunStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'run-store-')), 'runs'));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: number }).code;
  }
  throw new Error('expected a failure');
};

describe('RunStore', () => {
  it('creates a run once, keeps its config snapshot and lists it', () => {
    const store = newStore();
    const meta = { ...fixtureMeta({}, 'r1'), run_dir: store.runDir('r1') };
    store.create(meta);
    expect(store.exists('r1')).toBe(true);
    expect(store.readMeta('r1')).toEqual({ ...meta, config: { ...meta.config, runs_dir: store.runsDir } });
    expect(store.listIds()).toEqual(['r1']);
    expect(codeOf(() => store.create(meta))).toBe(Status.ALREADY_EXISTS);
  });

  it('records paths inside the store relative to the run folder, so a run moved into another store reads where it is now', () => {
    const store = newStore();
    const model = (run: string, round: number) => path.join(store.runsDir, run, 'training', `r${round}`, 'model');
    const meta = { ...fixtureMeta({}, 'branch'), run_dir: store.runDir('branch'), origin: { run_id: 'base', round: 2, model: model('base', 2) } };
    store.create(meta);
    const session = new RunSession(store.journal('branch'), store.readMeta('branch'), []);
    for (const { round, event } of journalBuilder().served(model('base', 2)).trained(1, model('branch', 1)).finished(1, model('branch', 1)).events) {
      if (event) session.append(round, event);
    }
    session.close();
    const recorded = fs.readFileSync(path.join(store.runDir('branch'), 'run.json'), 'utf8') + fs.readFileSync(path.join(store.runDir('branch'), 'journal.jsonl'), 'utf8');
    expect(recorded).not.toContain(store.runsDir);
    expect(recorded.match(/"run_dir": "\.",|"runs_dir": "\.\.",|"\.\.?\/[^"]*"/g)).toEqual([
      '"run_dir": ".",', '"runs_dir": "..",', '"../base/training/r2/model"', '"../base/training/r2/model"', '"./training/r1/model"', '"./training/r1/model"',
    ]);

    const moved = newStore();
    fs.renameSync(store.runsDir, moved.runsDir);
    const movedModel = (run: string, round: number) => path.join(moved.runsDir, run, 'training', `r${round}`, 'model');
    expect(moved.readMeta('branch')).toMatchObject({ run_dir: moved.runDir('branch'), config: { runs_dir: moved.runsDir }, origin: { model: movedModel('base', 2) } });
    const paths = moved.readEvents('branch').map((e) => (e.event?.$case === 'model_served' ? e.event.value.checkpoint : e.event?.$case === 'round_finished' || e.event?.$case === 'model_trained' ? e.event.value.model_path : ''));
    expect(paths).toEqual([movedModel('base', 2), movedModel('branch', 1), movedModel('branch', 1)]);
  });

  it('reads a run recorded with absolute paths where it is now, moved or not', () => {
    const store = newStore();
    const dir = store.runDir('old');
    fs.mkdirSync(dir, { recursive: true });
    // What the orchestrator wrote before paths were relative: absolute everywhere.
    fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...fixtureMeta({}, 'old'), run_dir: dir }));
    fs.writeFileSync(path.join(dir, 'journal.jsonl'), journalBuilder().served('/models/base').trained(1, path.join(dir, 'training/r1/model')).events.map((e) => JSON.stringify(RunEvent.toJSON(e)) + '\n').join(''));
    const checkpoints = (s: RunStore) => s.readEvents('old').map((e) => (e.event?.$case === 'model_served' ? e.event.value.checkpoint : e.event?.$case === 'model_trained' ? e.event.value.model_path : ''));
    expect(checkpoints(store)).toEqual(['/models/base', path.join(dir, 'training/r1/model')]);
    const moved = newStore();
    fs.mkdirSync(moved.runsDir);
    fs.renameSync(dir, moved.runDir('old'));
    expect(moved.readMeta('old').run_dir).toBe(moved.runDir('old'));
    expect(checkpoints(moved)).toEqual(['/models/base', path.join(moved.runDir('old'), 'training/r1/model')]);
  });

  it('takes over the folder a crash left in the middle of creating a run', () => {
    const store = newStore();
    fs.mkdirSync(store.runDir('half'), { recursive: true });
    store.create({ ...fixtureMeta({}, 'half'), run_dir: store.runDir('half') });
    expect(store.readMeta('half').id).toBe('half');
  });

  it('answers NOT_FOUND for a run that does not exist', () => {
    expect(codeOf(() => newStore().readMeta('nope'))).toBe(Status.NOT_FOUND);
  });

  it('never turns a bad id into a path', () => {
    const store = newStore();
    for (const id of ['..', '../x', 'a/b', '', 'a.b', '/abs']) expect(codeOf(() => store.runDir(id))).toBe(Status.INVALID_ARGUMENT);
    expect(codeOf(() => store.writeQuestionRecord('r', 1, QuestionRecord.fromPartial({ question: { id: '../../evil' } })))).toBe(Status.INVALID_ARGUMENT);
  });

  it('keeps each generated question once, in index order, whatever order they were appended in', () => {
    const store = newStore();
    const log = store.questionLog('r', 1);
    for (const index of [2, 0, 2, 1]) log.append(Question.toJSON(Question.fromPartial({ id: `r1-q${index}`, index, text: `${index}+1` })));
    log.close();
    expect(store.readQuestions('r', 1).map((q) => q.id)).toEqual(['r1-q0', 'r1-q1', 'r1-q2']);
  });

  it('round-trips question records and writes examples as KtoExample JSON lines', () => {
    const store = newStore();
    const record = QuestionRecord.fromPartial({ question: { id: 'r1-q0001', index: 1, text: '1+1' }, solver_prompt: 'Solve 1+1', truth: '2', majority_correct: true });
    store.writeQuestionRecord('r', 1, record);
    expect(store.readQuestionRecord('r', 1, 'r1-q0001')).toEqual(record);
    const example = KtoExample.fromPartial({ role: Role.ROLE_SOLVER, label: true, prompt: 'p', completion: 'c' });
    store.writeExamples('r', 1, [example, example]);
    const lines = fs.readFileSync(path.join(store.runDir('r'), 'rounds/1/examples.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => KtoExample.fromJSON(JSON.parse(l)))).toEqual([example, example]);
    expect(JSON.parse(lines[0]).role).toBe('ROLE_SOLVER');
  });

  it('answers every write the full disk refuses with RESOURCE_EXHAUSTED naming the file, and leaves nothing half-written', () => {
    const runsDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'run-store-')), 'runs');
    let full = false;
    const store = new RunStore(runsDir, failingFileSystem(() => full));
    store.create({ ...fixtureMeta({}, 'r'), run_dir: store.runDir('r') });
    full = true;
    const round = path.join(runsDir, 'r', 'rounds', '1');
    const writes: [() => void, string][] = [
      [() => store.create({ ...fixtureMeta({}, 'r2'), run_dir: store.runDir('r2') }), path.join(runsDir, 'r2', 'run.json')],
      [() => store.writeQuestionRecord('r', 1, QuestionRecord.fromPartial({ question: { id: 'q0' } })), path.join(round, 'questions', 'q0.json')],
      [() => store.writeExamples('r', 1, []), path.join(round, 'examples.jsonl')],
      [() => store.writeEvaluation('r', 1, 'b', []), path.join(round, 'evaluations', 'b.jsonl')],
      [() => store.journal('r').append({}), path.join(runsDir, 'r', 'journal.jsonl')],
      [() => store.questionLog('r', 1).append({}), path.join(round, 'questions.jsonl')],
    ];
    for (const [write, file] of writes) {
      expect(write).toThrow(expect.objectContaining({ code: Status.RESOURCE_EXHAUSTED, message: `disk full: ${file}` }));
    }
    expect(store.listIds()).toEqual(['r']);
    expect(fs.readFileSync(path.join(runsDir, 'r', 'journal.jsonl'), 'utf8')).toBe('');
    expect(fs.readdirSync(round, { recursive: true }).sort()).toEqual(['evaluations', 'questions', 'questions.jsonl']);
    expect(fs.readFileSync(path.join(round, 'questions.jsonl'), 'utf8')).toBe('');
  });
});
