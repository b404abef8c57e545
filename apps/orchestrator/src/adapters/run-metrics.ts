import { Counter, Gauge, Registry } from 'prom-client';
import { Phase, Role, RunState, type RunEvent } from '@aero/contracts';
import type { Logger } from '@aero/service-kit';
import { applyRunEvent } from '../domain/apply-run-event';
import { replayRun } from '../domain/replay-run';
import { runMetricsOf, type RunMetricValues } from '../domain/run-metrics-of';
import type { RunView } from '../domain/run-view';
import type { RunStore } from './run-store';

const STATES = [
  RunState.RUN_STATE_PENDING,
  RunState.RUN_STATE_RUNNING,
  RunState.RUN_STATE_SUCCEEDED,
  RunState.RUN_STATE_FAILED,
  RunState.RUN_STATE_CANCELLED,
  RunState.RUN_STATE_INTERRUPTED,
];
const PHASES = [
  Phase.PHASE_SERVING,
  Phase.PHASE_GENERATING,
  Phase.PHASE_SYNTHESIZING,
  Phase.PHASE_BUILDING_DATASET,
  Phase.PHASE_TRAINING,
  Phase.PHASE_EVALUATING,
  Phase.PHASE_DONE,
];
// The gateway's role label spells roles the same way.
const ROLES: Record<number, string> = { [Role.ROLE_GENERATOR]: 'generator', [Role.ROLE_SOLVER]: 'solver', [Role.ROLE_REFINER]: 'refiner' };

type Runs = [string, RunMetricValues][];

/**
 * The orchestrator's Prometheus metrics, run by run: each run of the store as its journal stood when
 * a scrape first found it, then every event appended to its journal (observe). Only a run being driven
 * is held as a whole view; the others as the few numbers the metrics show.
 */
export class RunMetrics {
  readonly registry = new Registry();
  private readonly values = new Map<string, RunMetricValues>();
  private readonly driven = new Map<string, RunView>();
  /** Runs whose journal could not be read: warned about once, then left as they were. */
  private readonly unreadable = new Set<string>();

  constructor(
    private readonly store: RunStore,
    private readonly log: Logger,
  ) {
    this.gauge('aero_runs', 'Runs in the store, by state', ['state'], (runs, set) => {
      for (const s of STATES) set({ state: RunState[s].replace('RUN_STATE_', '') }, runs.filter(([, v]) => v.state === s).length);
    });
    this.gauge('aero_run_round', 'Round in progress (or last done), 0 before the first', ['run'], (runs, set) => {
      for (const [run, v] of runs) set({ run }, v.round);
    });
    this.gauge('aero_run_phase', '1 for the step of its round each run is in, else 0', ['run', 'phase'], (runs, set) => {
      for (const [run, v] of runs) for (const p of PHASES) set({ run, phase: Phase[p].replace('PHASE_', '') }, v.phase === p ? 1 : 0);
    });
    this.gauge('aero_run_accuracy', 'Greedy pass@1 on each benchmark after each round (round 0 = the initial model), 0..1', ['run', 'benchmark', 'round'], (runs, set) => {
      for (const [run, v] of runs) for (const a of v.accuracy) set({ run, benchmark: a.benchmark, round: String(a.round) }, a.pass_at_1);
    });
    this.gauge('aero_run_finished_round', 'The last finished round, which the aero_run_last_round_* metrics describe; 0 before one', ['run'], (runs, set) => {
      for (const [run, v] of runs) set({ run }, v.lastRound?.round ?? 0);
    });
    this.gauge('aero_run_last_round_zone_share', "Share of the last finished round's analysed questions per zone (mastery, zpd, chaos), 0..1", ['run', 'zone'], (runs, set) => {
      for (const [run, v] of runs) for (const [zone, share] of Object.entries(v.lastRound?.shares ?? {})) set({ run, zone }, share);
    });
    this.gauge('aero_run_last_round_icc_accuracy', 'Last finished round, where truth is known: share of converged ICC consensus answers that are right', ['run'], (runs, set) => {
      for (const [run, v] of runs) if (v.lastRound?.icc_accuracy !== undefined) set({ run }, v.lastRound.icc_accuracy);
    });
    this.gauge('aero_run_last_round_majority_accuracy', 'Last finished round: share of the same questions whose majority answer is right', ['run'], (runs, set) => {
      for (const [run, v] of runs) if (v.lastRound?.majority_accuracy !== undefined) set({ run }, v.lastRound.majority_accuracy);
    });
    this.gauge('aero_run_last_round_kto_examples', "KTO examples the last finished round's questions emitted, by role and label (desirable, undesirable)", ['run', 'role', 'label'], (runs, set) => {
      for (const [run, v] of runs) {
        for (const e of v.lastRound?.examples ?? []) set({ run, role: ROLES[e.role] ?? String(e.role), label: e.label ? 'desirable' : 'undesirable' }, e.count);
      }
    });
    const current = () => this.current();
    new Counter({
      name: 'aero_run_questions_total',
      help: 'Questions through the inner loop (synth, analyzer, verifier), every round together',
      labelNames: ['run'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [run, v] of current()) this.inc({ run }, v.questions);
      },
    });
  }

  /** Takes one event appended to run `id`'s journal. Never throws: the metrics must not fail a run. */
  observe(id: string, event: RunEvent): void {
    if (this.unreadable.has(id)) return;
    try {
      // A run not driven until now is read from the store, whose journal already holds this event.
      const view = this.driven.get(id) ?? this.replay(id);
      if (event.sequence > view.lastSequence) applyRunEvent(view, event);
      this.values.set(id, runMetricsOf(view));
      if (view.state === RunState.RUN_STATE_RUNNING) this.driven.set(id, view);
      else this.driven.delete(id);
    } catch (error) {
      this.driven.delete(id);
      this.unreadable.add(id);
      this.log.warn('run metrics stop following a run whose journal they cannot read; they show it as it was', { run: id, error: (error as Error).message });
    }
  }

  /** Every run of the store: runs found since the last scrape are read once, runs gone are dropped. */
  private current(): Runs {
    const ids = new Set(this.store.listIds());
    for (const id of this.values.keys()) if (!ids.has(id)) this.values.delete(id);
    for (const id of ids) {
      if (this.values.has(id) || this.unreadable.has(id)) continue;
      try {
        this.values.set(id, runMetricsOf(this.replay(id)));
      } catch (error) {
        this.unreadable.add(id);
        this.log.warn('run metrics leave out a run whose journal cannot be read', { run: id, error: (error as Error).message });
      }
    }
    return [...this.values];
  }

  private replay(id: string): RunView {
    return replayRun(this.store.readMeta(id), this.store.readEvents(id));
  }

  private gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (runs: Runs, set: (labels: Record<L, string>, value: number) => void) => void,
  ): void {
    const current = () => this.current();
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        fill(current(), (labels, value) => this.set(labels, value));
      },
    });
  }
}
