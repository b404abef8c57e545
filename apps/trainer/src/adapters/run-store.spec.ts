import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Role } from '@aero/contracts';
import { sharegptRecord } from '../domain/sharegpt-record';
import { fixtureRound } from '../testing/kto-example';
import { writeRun } from '../testing/write-run';
import { RunStore } from './run-store';

describe('RunStore', () => {
  let runsDir: string;
  let store: RunStore;
  beforeEach(() => {
    runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-store-'));
    store = new RunStore(runsDir);
    writeRun(runsDir, 'run-1', [fixtureRound(1), fixtureRound(2)]);
  });
  afterEach(() => fs.rmSync(runsDir, { recursive: true, force: true }));

  it('reads a round as the KtoExamples the orchestrator recorded', () => {
    expect(store.roundExamples('run-1', 2)).toEqual(fixtureRound(2));
  });

  it('reports an unknown run as not_found and a round without data as failed_precondition', () => {
    expect(() => store.roundExamples('other', 1)).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => store.roundExamples('run-1', 3)).toThrow(expect.objectContaining({ kind: 'failed_precondition', message: expect.stringContaining('round 3 of run run-1 has no recorded examples') }));
  });

  it('never lets an invalid run id reach a path', () => {
    for (const id of ['..', '../run-1', 'a/b', '', 'x'.repeat(65)]) {
      expect(() => store.runDir(id)).toThrow(expect.objectContaining({ kind: 'invalid_argument', field: 'run_id' }));
      expect(() => store.keepRoundExamples(id, 1, [])).toThrow(expect.objectContaining({ kind: 'invalid_argument', field: 'run_id' }));
      expect(() => store.missingRounds(id, 1)).toThrow(expect.objectContaining({ kind: 'invalid_argument', field: 'run_id' }));
    }
    expect(fs.readdirSync(runsDir)).toEqual(['run-1']);
  });

  it('keeps the rounds it is given as the files the orchestrator writes, in a run folder of its own if need be', () => {
    store.keepRoundExamples('new-run', 2, fixtureRound(2));
    expect(store.missingRounds('new-run', 3)).toEqual([1, 3]);
    expect(store.roundExamples('new-run', 2)).toEqual(fixtureRound(2));
    const file = (run: string) => fs.readFileSync(path.join(runsDir, run, 'rounds', '2', 'examples.jsonl'), 'utf8');
    expect(file('new-run')).toBe(file('run-1'));
    store.keepRoundExamples('run-1', 2, []);
    expect(store.roundExamples('run-1', 2)).toEqual([]);
    expect(store.missingRounds('run-1', 2)).toEqual([]);
  });

  it('names the file and line of a record it cannot train on', () => {
    const file = path.join(runsDir, 'run-1', 'rounds', '2', 'examples.jsonl');
    const good = fs.readFileSync(file, 'utf8').split('\n')[0];
    const cases: [string, string][] = [
      ['{not json', 'not valid JSON'],
      [good.replace('"label":true', '"label":"yes"'), '"label" must be true or false'],
      [good.replace(/"completion":"[^"]*"/, '"completion":""'), '"completion" must be a non-empty string'],
      [good.replace('ROLE_GENERATOR', 'ROLE_JUDGE'), '"role" must be ROLE_GENERATOR, ROLE_SOLVER or ROLE_REFINER'],
    ];
    for (const [line, why] of cases) {
      fs.writeFileSync(file, `${good}\n\n${line}\n`);
      expect(() => store.roundExamples('run-1', 2)).toThrow(`${file}:3: ${why}`);
    }
  });

  it('writes the data file and merges its entry into the run\'s own dataset_info.json', () => {
    const records = fixtureRound(1).map(sharegptRecord);
    const first = store.writeDataset('run-1', 'aero_r1', records);
    store.writeDataset('run-1', 'aero_r2', records.slice(0, 2));
    expect(first.datasetDir).toBe(path.join(runsDir, 'run-1', 'datasets'));
    const lines = fs.readFileSync(first.datasetPath, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(records);
    const info = JSON.parse(fs.readFileSync(path.join(first.datasetDir, 'dataset_info.json'), 'utf8'));
    expect(Object.keys(info)).toEqual(['aero_r1', 'aero_r2']);
    expect(info.aero_r2).toEqual({
      file_name: 'aero_r2.jsonl',
      formatting: 'sharegpt',
      columns: { messages: 'messages', kto_tag: 'label' },
      tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant' },
    });
    expect(fs.readdirSync(first.datasetDir).sort()).toEqual(['aero_r1.jsonl', 'aero_r2.jsonl', 'dataset_info.json']);
    expect(store.requireDataset('run-1', 'aero_r2')).toBe(first.datasetDir);
    expect(store.readDataset('run-1', 'aero_r2')).toEqual(records.slice(0, 2));
    expect(() => store.requireDataset('run-1', 'aero_r3')).toThrow(expect.objectContaining({ kind: 'failed_precondition' }));
  });

  it('keeps the role of each example', () => {
    expect(store.roundExamples('run-1', 1).map((e) => e.role)).toEqual([Role.ROLE_GENERATOR, Role.ROLE_GENERATOR, Role.ROLE_SOLVER, Role.ROLE_SOLVER, Role.ROLE_REFINER]);
  });
});
