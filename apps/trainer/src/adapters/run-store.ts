import * as fs from 'node:fs';
import * as path from 'node:path';
import { KtoExample } from '@aero/contracts';
import { datasetInfoEntry } from '../domain/dataset-info-entry';
import { RUN_ID_PATTERN } from '../domain/run-id';
import type { SharegptKtoRecord } from '../domain/sharegpt-record';
import { TrainerError } from '../domain/trainer-error';
import { readExamplesFile } from './read-examples-file';
import { writeFileAtomic } from '@aero/files';

/**
 * The run store as the trainer sees it, in its own runs_dir: <runs_dir>/<run_id>/rounds/<round>/
 * examples.jsonl in (the trainer's copies of what BuildDataset was sent, or, in a runs_dir shared with
 * the orchestrator, what it wrote there), <runs_dir>/<run_id>/datasets/ out (the LLaMA-Factory
 * dataset_dir of the run, never an engine's installation). Only validated run ids reach a path.
 */
export class RunStore {
  constructor(readonly runsDir: string) {}

  /** The run's folder; NOT_FOUND when the run does not exist. */
  runDir(runId: string): string {
    const dir = this.runPath(runId);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new TrainerError('not_found', `run ${runId} not found in ${this.runsDir}`);
    }
    return dir;
  }

  datasetDir(runId: string): string {
    return path.join(this.runDir(runId), 'datasets');
  }

  /** A round's recorded examples; FAILED_PRECONDITION when the round has recorded none yet. */
  roundExamples(runId: string, round: number): KtoExample[] {
    const file = this.examplesFile(this.runDir(runId), round);
    if (!fs.existsSync(file)) {
      throw new TrainerError('failed_precondition', `round ${round} of run ${runId} has no recorded examples (${file} is missing)`);
    }
    return readExamplesFile(file);
  }

  /**
   * Keeps a round's examples as the trainer's copy, replacing an earlier one (creating the run folder
   * for a run it has not seen), in the form the orchestrator writes into a shared runs_dir: either way
   * the same file holds the round.
   */
  keepRoundExamples(runId: string, round: number, examples: readonly KtoExample[]): void {
    const lines = examples.map((e) => JSON.stringify(KtoExample.toJSON(e)) + '\n').join('');
    writeFileAtomic(this.examplesFile(this.runPath(runId), round), lines);
  }

  /** The rounds among 1..round of which the run holds no examples. */
  missingRounds(runId: string, round: number): number[] {
    const dir = this.runPath(runId);
    return Array.from({ length: round }, (_, i) => i + 1).filter((k) => !fs.existsSync(this.examplesFile(dir, k)));
  }

  /**
   * Writes the data file, then points dataset_info.json's entry at it; both writes are atomic, and
   * the read-modify-write of dataset_info.json is synchronous, so concurrent builds in this process
   * cannot lose each other's entries.
   */
  writeDataset(runId: string, name: string, records: readonly SharegptKtoRecord[]): { datasetDir: string; datasetPath: string } {
    const datasetDir = this.datasetDir(runId);
    const fileName = `${name}.jsonl`;
    const datasetPath = path.join(datasetDir, fileName);
    writeFileAtomic(datasetPath, records.map((r) => JSON.stringify(r) + '\n').join(''));
    const infoPath = path.join(datasetDir, 'dataset_info.json');
    const info = this.datasetInfo(infoPath);
    info[name] = datasetInfoEntry(fileName);
    writeFileAtomic(infoPath, JSON.stringify(info, null, 2) + '\n');
    return { datasetDir, datasetPath };
  }

  /** Checks that BuildDataset wrote `name` for the run; returns the dataset_dir. */
  requireDataset(runId: string, name: string): string {
    return path.dirname(this.datasetFile(runId, name));
  }

  /** The records of a dataset BuildDataset wrote. */
  readDataset(runId: string, name: string): SharegptKtoRecord[] {
    const lines = fs.readFileSync(this.datasetFile(runId, name), 'utf8').split('\n');
    return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as SharegptKtoRecord);
  }

  private runPath(runId: string): string {
    if (!RUN_ID_PATTERN.test(runId)) throw new TrainerError('invalid_argument', `run_id ${JSON.stringify(runId)} is not a run id`, 'run_id');
    return path.join(this.runsDir, runId);
  }

  private examplesFile(runDir: string, round: number): string {
    return path.join(runDir, 'rounds', String(round), 'examples.jsonl');
  }

  private datasetFile(runId: string, name: string): string {
    const datasetDir = this.datasetDir(runId);
    const entry = this.datasetInfo(path.join(datasetDir, 'dataset_info.json'))[name] as { file_name?: unknown } | undefined;
    const file = typeof entry?.file_name === 'string' ? path.join(datasetDir, entry.file_name) : undefined;
    if (!file || !fs.existsSync(file)) {
      throw new TrainerError('failed_precondition', `dataset ${name} of run ${runId} has not been built; call BuildDataset first`);
    }
    return file;
  }

  private datasetInfo(infoPath: string): Record<string, unknown> {
    if (!fs.existsSync(infoPath)) return {};
    let info: unknown;
    try {
      info = JSON.parse(fs.readFileSync(infoPath, 'utf8'));
    } catch {
      throw new TrainerError('failed_precondition', `${infoPath} is not valid JSON`);
    }
    if (typeof info !== 'object' || info === null || Array.isArray(info)) {
      throw new TrainerError('failed_precondition', `${infoPath} must hold a JSON object`);
    }
    return info as Record<string, unknown>;
  }
}
