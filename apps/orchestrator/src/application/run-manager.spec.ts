import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetStatusResponse, InstanceState, RunState, SolveResponse } from '@aero/contracts';
import { failingFileSystem } from '@aero/files';
import { createLogger } from '@aero/service-kit';
import type { AeroServices } from '../adapters/aero-services';
import { RunStore } from '../adapters/run-store';
import { StoreLock } from '../adapters/store-lock';
import { writeTestConfig } from '../testing/test-config';
import { RunManager } from './run-manager';

// The baseline evaluation of a run, against services that answer every problem: its results file,
// and in the second case the journal too, meet a full disk.
describe('RunManager on a full disk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-manager-'));
  const model = path.join(dir, 'model');
  fs.mkdirSync(model);
  const configFile = writeTestConfig(dir, { dir: model, contextLength: 1024 });
  const runsDir = path.join(dir, 'runs');
  const evaluation = (id: string) => path.join(runsDir, id, 'rounds', '0', 'evaluations', 'arithmetic.jsonl');
  const services = {
    gatewayStatus: async () => GetStatusResponse.fromPartial({ checkpoint: model, instances: [{ state: InstanceState.INSTANCE_STATE_READY }] }),
    solve: async () => SolveResponse.fromPartial({ samples: [{ text: '2', answer: '2', parsed: true }] }),
    equivalent: async () => true,
    metricsUrl: () => '',
  } as unknown as AeroServices;
  let full: (file: string) => boolean = () => false;
  const logged: string[] = [];
  const runs = new RunManager({
    store: new RunStore(runsDir, failingFileSystem((file) => full(file))),
    lock: new StoreLock(runsDir),
    services: async () => services,
    configFile,
    log: createLogger({}, 'error', (line) => logged.push(line)),
  });
  afterAll(async () => {
    await runs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a run and waits until it is no longer driven. */
  const drive = async (id: string) => {
    runs.start(id, {});
    for await (const _ of runs.watch(id, 0, new AbortController().signal));
    return runs.get(id);
  };
  const resumable = async (id: string) => {
    full = () => false;
    expect(runs.resume(id).state).toBe(RunState.RUN_STATE_RUNNING);
    expect((await runs.cancel(id)).state).toBe(RunState.RUN_STATE_CANCELLED);
  };

  it('fails the run with "disk full: <file>" and resumes it', async () => {
    full = (file) => file.startsWith(evaluation('full-results'));
    expect(await drive('full-results')).toMatchObject({ state: RunState.RUN_STATE_FAILED, error: `disk full: ${evaluation('full-results')}` });
    await resumable('full-results');
  });

  it('leaves a run whose failure the journal cannot take RUNNING on disk, and resumes it', async () => {
    let journalFull = false;
    full = (file) => {
      if (file.startsWith(evaluation('full-journal'))) journalFull = true;
      return journalFull;
    };
    expect(await drive('full-journal')).toMatchObject({ state: RunState.RUN_STATE_RUNNING });
    expect(logged.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ msg: 'the end of the run could not be recorded', cause: `disk full: ${path.join(runsDir, 'full-journal', 'journal.jsonl')}` }),
    );
    await resumable('full-journal');
  });
});
