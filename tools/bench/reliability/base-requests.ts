import type { JsonObject } from '@bufbuild/protobuf';

/**
 * One valid request per RPC (proto JSON), harmless if a mutation of it were wrongly accepted: it names
 * runs, jobs and checkpoints that do not exist. `required` are the fields whose absence the service
 * must refuse (proto comments: "Required", or a bound that excludes the default 0 / "").
 */
export interface BaseRequest {
  request: JsonObject;
  required: string[];
}

const QUESTION = 'What is 7 * 6?';
const question = { id: 'r1-q0000', text: QUESTION, meta: { knowledge_points: ['multiply'], domain: 'arithmetic', background: '' }, parsed: true, prompt: 'Write a problem.', raw_output: '{}', round: 1, index: 0 };
const samples = [
  { index: 0, text: 'so \\boxed{42}', answer: '42', parsed: true, finish_reason: 'FINISH_REASON_STOP', completion_tokens: 9 },
  { index: 1, text: 'so \\boxed{41}', answer: '41', parsed: true, finish_reason: 'FINISH_REASON_STOP', completion_tokens: 9 },
];
const analysis = {
  clusters: [
    { key: '42', count: 1, representative: 'so \\boxed{42}', member_indexes: [0] },
    { key: '41', count: 1, representative: 'so \\boxed{41}', member_indexes: [1] },
  ],
  total_valid: 2,
  sample_count: 2,
  entropy: 1,
  normalized_entropy: 1,
  status: 'QUESTION_STATUS_CHAOS',
};
const RUN = 'no-such-run';

/** Keyed by "Service/Method" (the service's name without "aero.v1."). */
export const BASE_REQUESTS: Record<string, BaseRequest> = {
  'AnalyzerService/ExtractAnswer': { request: { text: 'so \\boxed{42}', mode: 'EXTRACTION_MODE_STRICT' }, required: [] },
  'AnalyzerService/ExtractAnswers': { request: { texts: ['so \\boxed{42}', 'so \\boxed{41}'], mode: 'EXTRACTION_MODE_STRICT' }, required: ['texts'] },
  'AnalyzerService/CheckEquivalence': { request: { a: '42', b: '84/2', allow_judge: false }, required: ['a', 'b'] },
  'AnalyzerService/Analyze': {
    request: { samples: ['\\boxed{42}', '\\boxed{41}'], thresholds: { mastery_below: 0.3, chaos_above: 0.7 }, allow_judge: false, extraction_mode: 'EXTRACTION_MODE_STRICT' },
    required: ['samples'],
  },
  'InferenceGatewayService/Generate': {
    request: { prompt: '6*7=', n: 1, temperature: 0, top_p: 1, max_tokens: 4, seed: 1, stop: ['\n'], role: 'ROLE_SOLVER' },
    required: ['prompt', 'n'],
  },
  'InferenceGatewayService/ServeModel': { request: { checkpoint: '/nonexistent/aero-reliability-checkpoint', ready_timeout_s: 5 }, required: ['checkpoint'] },
  'InferenceGatewayService/StopEngines': { request: {}, required: [] },
  'InferenceGatewayService/GetStatus': { request: {}, required: [] },
  'OrchestratorService/StartRun': { request: { name: 'reliability-hostile', config_overrides: { 'aero.rounds': '1' } }, required: ['name'] },
  'OrchestratorService/WatchRun': { request: { run_id: RUN, from_sequence: '0' }, required: ['run_id'] },
  'OrchestratorService/GetRun': { request: { run_id: RUN }, required: ['run_id'] },
  'OrchestratorService/ListRuns': { request: { page_size: 10, page_token: '' }, required: [] },
  'OrchestratorService/CancelRun': { request: { run_id: RUN }, required: ['run_id'] },
  'OrchestratorService/ResumeRun': { request: { run_id: RUN }, required: ['run_id'] },
  'OrchestratorService/Chat': { request: { run_id: RUN, round: 0, question: QUESTION, n: 1, temperature: 0, max_tokens: 8 }, required: ['run_id', 'question'] },
  'SynthService/GenerateQuestions': {
    request: { round: 1, start_index: 0, count: 1, temperature: 1, max_tokens: 16, seed: '1', concurrency: 1 },
    required: ['round', 'count'],
  },
  'SynthService/Solve': { request: { question: QUESTION, n: 1, temperature: 0, max_tokens: 8, seed: '1' }, required: ['question'] },
  'SynthService/Refine': { request: { question: QUESTION, candidate: '42', temperature: 0, max_tokens: 8, seed: '1' }, required: ['question', 'candidate'] },
  'TrainerService/BuildDataset': {
    request: {
      run_id: RUN,
      round: 1,
      staggered: false,
      replay_pool_size: 0,
      replay_ratios: { generator: 0.2, solver: 0.4, refiner: 0.4 },
      weights: { generator: 1, solver: 1, refiner: 1 },
      seed: '1',
      generator_undesirable_cap: 1,
    },
    required: ['run_id', 'round'],
  },
  'TrainerService/Train': {
    request: {
      run_id: RUN,
      round: 1,
      dataset: 'aero_r1',
      base_model: '/nonexistent/aero-reliability-model',
      hyperparameters: {
        pref_beta: 0.1,
        learning_rate: 0.001,
        num_train_epochs: 1,
        per_device_train_batch_size: 2,
        gradient_accumulation_steps: 1,
        cutoff_len: 64,
        lora_rank: 8,
        kto_chosen_weight: 1,
        kto_rejected_weight: 1,
        warmup_ratio: 0,
        seed: '1',
        pref_ftx: 0,
      },
    },
    required: ['run_id', 'round', 'dataset', 'base_model'],
  },
  'TrainerService/GetJob': { request: { job_id: `${RUN}-r1` }, required: ['job_id'] },
  'TrainerService/CancelJob': { request: { job_id: `${RUN}-r1` }, required: ['job_id'] },
  'VerifierService/Verify': {
    request: {
      run_id: RUN,
      round: 1,
      question,
      solver_prompt: `Solve: ${QUESTION}`,
      samples,
      analysis,
      solver_labels: 'SOLVER_LABELS_CODE',
      refiner_temperature: 0.7,
      seed: '1',
      allow_judge: false,
      labeller: 'LABELLER_ICC',
      icc_consensus: 'ICC_CONSENSUS_C1_OR_C2',
    },
    required: ['run_id', 'round', 'question', 'question.id', 'question.text', 'question.prompt', 'solver_prompt', 'analysis', 'analysis.status'],
  },
};

/** Fields that name something the service may look up on disk: they get path-traversal names. */
export const NAME_FIELDS = ['name', 'run_id', 'job_id', 'dataset', 'id'];
/** Fields that are paths: they get option-like and control-character values. */
export const PATH_FIELDS = ['checkpoint', 'base_model'];
