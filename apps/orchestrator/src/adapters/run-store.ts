import * as fs from 'node:fs';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { KtoExample, Question, QuestionRecord, RunEvent } from '@aero/contracts';
import { RpcError } from '@aero/service-kit';
import type { ProblemResult } from '../domain/problem-result';
import { RUN_ID_PATTERN } from '../domain/run-id-pattern';
import type { RunMeta } from '../domain/run-meta';
import { RunPaths } from '../domain/run-paths';
import { writeFileAtomic, type FileSystem } from '@aero/files';
import { JsonlLog } from './jsonl-log';
import { storeWriteFailure } from './store-write-failure';

/**
 * The run store: one folder per run under runs_dir.
 *
 *   <run_id>/run.json                         identity and config snapshot (written once)
 *   <run_id>/journal.jsonl                    the run's events, append-only: the source of truth
 *   <run_id>/rounds/<r>/questions.jsonl       generated questions, append-only
 *   <run_id>/rounds/<r>/questions/<id>.json   one QuestionRecord per question through the inner loop
 *   <run_id>/rounds/<r>/examples.jsonl        the round's KTO examples in question order (also sent to the trainer)
 *   <run_id>/rounds/<r>/evaluations/<b>.jsonl per-problem results of benchmark b
 *
 * The trainer writes its datasets and checkpoints into the same folder when it shares this runs_dir
 * (local mode), else into its own and reports their paths there. Paths inside the store are
 * recorded relative to the run folder and read back absolute (RunPaths), so a run folder moved or
 * copied into another store, or the store moved, reads and resumes where it is. Ids are checked against a
 * strict pattern before they become paths. A write that fails throws the store's write failure
 * (RESOURCE_EXHAUSTED "disk full: <file>" on a full disk) and leaves the file as it was.
 */
export class RunStore {
  constructor(
    readonly runsDir: string,
    private readonly files: FileSystem = fs,
  ) {}

  runDir(id: string): string {
    return path.join(this.runsDir, checkedName(id, 'run_id'));
  }

  exists(id: string): boolean {
    return fs.existsSync(path.join(this.runDir(id), 'run.json'));
  }

  /**
   * Creates the run folder; ALREADY_EXISTS when a run of that id exists. A folder without run.json
   * is what a crash in the middle of a creation leaves, and is taken over.
   */
  create(meta: RunMeta): void {
    const dir = this.runDir(meta.id);
    try {
      this.files.mkdirSync(this.runsDir, { recursive: true });
      this.files.mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storeWriteFailure(error, dir);
      if (this.exists(meta.id)) throw new RpcError(Status.ALREADY_EXISTS, `run ${meta.id} already exists`);
    }
    const paths = new RunPaths(dir);
    const origin = meta.origin && { ...meta.origin, model: paths.portable(meta.origin.model) };
    const recorded: RunMeta = { ...meta, run_dir: '.', config: { ...meta.config, runs_dir: '..' }, origin };
    this.write(path.join(dir, 'run.json'), JSON.stringify(recorded, null, 2) + '\n');
  }

  /** The run's identity, with its folder, its store and its origin checkpoint where they are now. */
  readMeta(id: string): RunMeta {
    const meta = this.recordedMeta(id);
    const paths = this.paths(id, meta);
    const origin = meta.origin && { ...meta.origin, model: paths.resolve(meta.origin.model) };
    return { ...meta, run_dir: paths.runDir, config: { ...meta.config, runs_dir: this.runsDir }, origin };
  }

  /** Ids of every run in the store. */
  listIds(): string[] {
    if (!fs.existsSync(this.runsDir)) return [];
    return fs
      .readdirSync(this.runsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name) && this.exists(e.name))
      .map((e) => e.name);
  }

  journal(id: string): JsonlLog {
    return new JsonlLog(path.join(this.runDir(id), 'journal.jsonl'), this.files);
  }

  /** The run's journal, its paths resolved (RunPaths). */
  readEvents(id: string): RunEvent[] {
    const paths = this.paths(id, this.recordedMeta(id));
    return this.journal(id)
      .read()
      .map((line) => paths.resolveEvent(RunEvent.fromJSON(line)));
  }

  questionLog(id: string, round: number): JsonlLog {
    return new JsonlLog(path.join(this.roundDir(id, round), 'questions.jsonl'), this.files);
  }

  /** The round's generated questions, each once, by index. */
  readQuestions(id: string, round: number): Question[] {
    const byId = new Map<string, Question>();
    for (const line of this.questionLog(id, round).read()) {
      const question = Question.fromJSON(line);
      if (!byId.has(question.id)) byId.set(question.id, question);
    }
    return [...byId.values()].sort((a, b) => a.index - b.index);
  }

  writeQuestionRecord(id: string, round: number, record: QuestionRecord): void {
    this.write(this.recordFile(id, round, record.question?.id ?? ''), JSON.stringify(QuestionRecord.toJSON(record)) + '\n');
  }

  readQuestionRecord(id: string, round: number, questionId: string): QuestionRecord {
    return QuestionRecord.fromJSON(JSON.parse(fs.readFileSync(this.recordFile(id, round, questionId), 'utf8')));
  }

  /** Replaces the round's examples file, the run's record of what its dataset was built from. */
  writeExamples(id: string, round: number, examples: readonly KtoExample[]): void {
    const lines = examples.map((e) => JSON.stringify(KtoExample.toJSON(e)) + '\n').join('');
    this.write(path.join(this.roundDir(id, round), 'examples.jsonl'), lines);
  }

  writeEvaluation(id: string, round: number, benchmark: string, results: readonly ProblemResult[]): void {
    const file = path.join(this.roundDir(id, round), 'evaluations', `${checkedName(benchmark, 'benchmark')}.jsonl`);
    this.write(file, results.map((r) => JSON.stringify(r) + '\n').join(''));
  }

  /** run.json as written. */
  private recordedMeta(id: string): RunMeta {
    const file = path.join(this.runDir(id), 'run.json');
    if (!fs.existsSync(file)) throw RpcError.notFound(`run ${id} not found in ${this.runsDir}`);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunMeta;
  }

  private paths(id: string, recorded: RunMeta): RunPaths {
    return new RunPaths(this.runDir(id), recorded.run_dir);
  }

  private write(file: string, data: string): void {
    try {
      writeFileAtomic(file, data, this.files);
    } catch (error) {
      throw storeWriteFailure(error, file);
    }
  }

  private roundDir(id: string, round: number): string {
    if (!Number.isInteger(round) || round < 0) throw new Error(`bad round ${round}`);
    return path.join(this.runDir(id), 'rounds', String(round));
  }

  private recordFile(id: string, round: number, questionId: string): string {
    return path.join(this.roundDir(id, round), 'questions', `${checkedName(questionId, 'question id')}.json`);
  }
}

function checkedName(name: string, what: string): string {
  if (!RUN_ID_PATTERN.test(name)) throw RpcError.invalidArgument(what, `must match ${RUN_ID_PATTERN} (got ${JSON.stringify(name)})`);
  return name;
}
