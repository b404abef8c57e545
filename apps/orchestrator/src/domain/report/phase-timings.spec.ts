import { Phase, RunState } from '@aero/contracts';
import { journalBuilder } from '../../testing/run-fixtures';
import { phaseTimings } from './phase-timings';

describe('phaseTimings', () => {
  it('counts a phase from its change to the next change, the end of its round or a stop, and adds up a resumed phase', () => {
    // One event a second.
    const j = journalBuilder()
      .state(RunState.RUN_STATE_RUNNING) // 0
      .phase(1, Phase.PHASE_GENERATING) // 1
      .generated(1, 6) // 2
      .phase(1, Phase.PHASE_SYNTHESIZING) // 3
      .recorded(1, 0) // 4
      .recorded(1, 1) // 5
      .state(RunState.RUN_STATE_CANCELLED) // 6: synthesizing ran 3 s
      .state(RunState.RUN_STATE_RUNNING) // 7
      .phase(1, Phase.PHASE_SYNTHESIZING) // 8: starting again took 1 s
      .recorded(1, 2) // 9
      .phase(1, Phase.PHASE_TRAINING) // 10: synthesizing ran 2 s more
      .progress(1, 1, 0.5)
      .progress(1, 2, 0.4)
      .progress(1, 1, 0.5) // a restarted job trains step 1 again
      .progress(1, 2, 0.4)
      .finished(1); // 15
    expect(phaseTimings(j.events)).toEqual([
      { round: 0, phases: [{ phase: Phase.PHASE_UNSPECIFIED, seconds: 1 }], seconds: 1 },
      {
        round: 1,
        phases: [
          { phase: Phase.PHASE_UNSPECIFIED, seconds: 1 },
          { phase: Phase.PHASE_GENERATING, seconds: 2, items: { count: 6, unit: 'questions' } },
          { phase: Phase.PHASE_SYNTHESIZING, seconds: 5, items: { count: 3, unit: 'questions' } },
          { phase: Phase.PHASE_TRAINING, seconds: 5, items: { count: 4, unit: 'steps' } },
        ],
        seconds: 13,
      },
    ]);
  });

  it('gives nothing for a run that never ran', () => {
    expect(phaseTimings(journalBuilder().events)).toEqual([]);
  });
});
