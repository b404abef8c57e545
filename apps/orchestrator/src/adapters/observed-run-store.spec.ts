import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Phase, RunState } from '@aero/contracts';
import { RunSession } from '../application/run-session';
import { fixtureMeta, journalBuilder } from '../testing/run-fixtures';
import { ObservedRunStore } from './observed-run-store';

describe('ObservedRunStore', () => {
  it('hands each event appended to a journal to the observer once the event is on disk', () => {
    // Per event: run, sequence, phase, and how many events the journal on disk held at that moment.
    const seen: [string, number, string, number][] = [];
    const store: ObservedRunStore = new ObservedRunStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'observed-store-')), 'runs'), (id, event) => {
      const phase = event.event?.$case === 'phase_changed' ? Phase[event.event.value.phase] : '';
      seen.push([id, event.sequence, phase, store.readEvents(id).length]);
    });
    store.create({ ...fixtureMeta({}, 'r1'), run_dir: store.runDir('r1') });
    const session = new RunSession(store.journal('r1'), store.readMeta('r1'), []);
    for (const { round, event } of journalBuilder().state(RunState.RUN_STATE_RUNNING).phase(1, Phase.PHASE_GENERATING).events) if (event) session.append(round, event);
    session.close();
    expect(seen).toEqual([
      ['r1', 1, '', 1],
      ['r1', 2, 'PHASE_GENERATING', 2],
    ]);
  });
});
