import type {
  DatasetBuilt,
  Evaluation,
  ModelTrained,
  Phase,
  QuestionRecorded,
  QuestionsGenerated,
  RoundSummary,
  RunState,
  TrainProgress,
} from '@aero/contracts';
import type { RunMeta } from './run-meta';

/** What the journal says about one round (round 0 holds the evaluations of the initial model). */
export interface RoundProgress {
  round: number;
  /** Set once every question of the round is written. */
  generated?: QuestionsGenerated;
  /** Questions through the inner loop, by question id. */
  recorded: Map<string, QuestionRecorded>;
  dataset?: DatasetBuilt;
  model?: ModelTrained;
  /** By benchmark name. */
  evaluations: Map<string, Evaluation>;
  /**
   * Training progress in the order it was logged: a resumed job starts again from step 1, and so do
   * a LLaMA-Factory job's steps once training ended, sent again with their KL and rewards.
   */
  training: TrainProgress[];
  /** Set once the round is finished. */
  summary?: RoundSummary;
}

/** A run as its journal leaves it: the fold of every event so far. */
export interface RunView {
  meta: RunMeta;
  state: RunState;
  phase: Phase;
  currentRound: number;
  error: string;
  /** RFC 3339 time of the last event. */
  updatedAt: string;
  /** The checkpoint the gateway was last made to serve for this run. */
  servedModel?: string;
  /** Where the orchestrator that last drove the run served the run metrics; undefined when it served none. */
  metricsUrl?: string;
  rounds: Map<number, RoundProgress>;
  /** Sequence of the last event, 0 when none. */
  lastSequence: number;
}
