import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { KtoExample, Question, QuestionRecord, Role } from '@aero/contracts';
import { failingFileSystem } from '@aero/files';
import { fixtureMeta } from '../testing/run-fixtures';
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
    expect(store.readMeta('r1')).toEqual(meta);
    expect(store.listIds()).toEqual(['r1']);
    expect(codeOf(() => store.create(meta))).toBe(Status.ALREADY_EXISTS);
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
