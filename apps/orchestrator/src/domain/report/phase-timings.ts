import { Phase, RunState, type RunEvent } from '@aero/contracts';

/** Wall time of one phase in one round, and what it got through where it counts something. */
export interface PhaseTiming {
  /** PHASE_UNSPECIFIED: starting the services and serving the run's model, before its first phase. */
  phase: Phase;
  seconds: number;
  /** Questions, dataset records, training steps or benchmark problems. */
  items?: { count: number; unit: string };
}

/** The phases of one round (0: before the first, the initial model's evaluation), in pipeline order. */
export interface RoundTimings {
  round: number;
  phases: PhaseTiming[];
  seconds: number;
}

/** Phases in the order a round goes through them. */
export const PHASE_ORDER = [
  Phase.PHASE_UNSPECIFIED,
  Phase.PHASE_GENERATING,
  Phase.PHASE_SYNTHESIZING,
  Phase.PHASE_BUILDING_DATASET,
  Phase.PHASE_TRAINING,
  Phase.PHASE_SERVING,
  Phase.PHASE_EVALUATING,
];

const UNITS = new Map([
  [Phase.PHASE_GENERATING, 'questions'],
  [Phase.PHASE_SYNTHESIZING, 'questions'],
  [Phase.PHASE_BUILDING_DATASET, 'records'],
  [Phase.PHASE_TRAINING, 'steps'],
  [Phase.PHASE_EVALUATING, 'problems'],
]);

/**
 * Wall time per round and phase from the journal's event times. A phase lasts from its phase change
 * to the next one, the end of its round, or a change of the run's state: the time a stopped run
 * waited for its resume counts nowhere, and a resumed phase adds up its parts. What a phase got
 * through comes from the events it wrote (questions recorded, dataset records, steps trained, ...).
 */
export function phaseTimings(events: readonly RunEvent[]): RoundTimings[] {
  const seconds = new Map<string, number>();
  const counts = new Map<string, number>();
  const add = (map: Map<string, number>, round: number, phase: Phase, v: number) => map.set(`${round}:${phase}`, (map.get(`${round}:${phase}`) ?? 0) + v);
  let open: { round: number; phase: Phase; start: number } | undefined;
  let round = 0;
  const lastStep = new Map<number, number>();
  const close = (at: number) => {
    if (open && at >= open.start) add(seconds, open.round, open.phase, (at - open.start) / 1000);
    open = undefined;
  };
  for (const event of events) {
    const body = event.event;
    if (!body) continue;
    const at = Date.parse(event.time);
    switch (body.$case) {
      case 'phase_changed':
        close(at);
        round = event.round;
        if (body.value.phase !== Phase.PHASE_DONE) open = { round, phase: body.value.phase, start: at };
        break;
      case 'state_changed':
        close(at);
        if (body.value.state === RunState.RUN_STATE_RUNNING) open = { round, phase: Phase.PHASE_UNSPECIFIED, start: at };
        break;
      case 'round_finished':
        close(at);
        break;
      case 'questions_generated':
        add(counts, event.round, Phase.PHASE_GENERATING, body.value.count);
        break;
      case 'question_recorded':
        add(counts, event.round, Phase.PHASE_SYNTHESIZING, 1);
        break;
      case 'dataset_built':
        add(counts, event.round, Phase.PHASE_BUILDING_DATASET, body.value.total);
        break;
      case 'training_progress': {
        // Steps since the last logged one; a job restarted from step 1 trains those steps again.
        const last = lastStep.get(event.round) ?? 0;
        const step = body.value.current_steps;
        add(counts, event.round, Phase.PHASE_TRAINING, step > last ? step - last : step);
        lastStep.set(event.round, step);
        break;
      }
      case 'evaluation':
        add(counts, event.round, Phase.PHASE_EVALUATING, body.value.problems);
        break;
    }
  }
  const rounds = [...new Set([...seconds.keys()].map((key) => Number(key.split(':')[0])))].sort((a, b) => a - b);
  return rounds.map((r) => {
    const phases = PHASE_ORDER.flatMap((phase): PhaseTiming[] => {
      const s = seconds.get(`${r}:${phase}`);
      if (s === undefined) return [];
      const count = counts.get(`${r}:${phase}`);
      const unit = UNITS.get(phase);
      return [{ phase, seconds: s, ...(count && unit ? { items: { count, unit } } : {}) }];
    });
    return { round: r, phases, seconds: phases.reduce((sum, p) => sum + p.seconds, 0) };
  });
}
