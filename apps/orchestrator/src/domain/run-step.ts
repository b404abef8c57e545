/** The next thing a run must do; `model` is the checkpoint the gateway must serve for it. */
export type RunStep =
  | { kind: 'evaluate'; round: number; model: string; benchmarks: string[] }
  | { kind: 'generate'; round: number; model: string }
  | { kind: 'synthesize'; round: number; model: string }
  | { kind: 'build_dataset'; round: number }
  | { kind: 'train'; round: number; baseModel: string; dataset: string }
  | { kind: 'finish_round'; round: number }
  | { kind: 'finish_run' };
