import { FinishReason, QuestionStatus, type Cluster, type Sample } from '@aero/contracts';
import type { ConsensusRule, IccQuestion, Labelling, SolverLabelling } from '../domain/icc-types';

export const SOLVER_PROMPT = 'Solve 12+7\n';

/**
 * An analysed question for the verifier's tests: `groups` lists [answer, count] clusters, largest
 * first (as the analyzer orders them), followed by `failures` samples without a boxed answer.
 */
export function iccFixture(options: {
  groups: [string, number][];
  failures?: number;
  status?: QuestionStatus;
  solverLabels?: SolverLabelling;
  labeller?: Labelling;
  truth?: string;
  consensus?: ConsensusRule;
  minSupport?: number;
}): IccQuestion {
  const samples: Sample[] = [];
  const clusters: Cluster[] = options.groups.map(([key, count]) => {
    const members: number[] = [];
    for (let j = 0; j < count; j++) {
      members.push(samples.length);
      samples.push(sample(samples.length, `12+7=${key} (sample ${samples.length})\n\\boxed{${key}}`, key));
    }
    return { key, count, representative: samples[members[0]].text, member_indexes: members };
  });
  for (let j = 0; j < (options.failures ?? 0); j++) samples.push(sample(samples.length, '12+7=', ''));
  const total = clusters.reduce((s, c) => s + c.count, 0);
  return {
    runId: 'run-a',
    round: 2,
    question: {
      id: 'r2-q0007',
      text: '12+7',
      meta: { knowledge_points: ['add'], domain: 'arithmetic', background: '' },
      parsed: true,
      prompt: 'Write a problem as JSON.\n',
      raw_output: '{"question":"12+7"}',
      round: 2,
      index: 7,
    },
    solverPrompt: SOLVER_PROMPT,
    samples,
    analysis: {
      clusters,
      total_valid: total,
      sample_count: samples.length,
      entropy: 0,
      normalized_entropy: 0,
      status: options.status ?? QuestionStatus.QUESTION_STATUS_ZPD,
    },
    solverLabels: options.solverLabels ?? 'code',
    labeller: options.labeller ?? 'icc',
    truth: options.truth,
    consensus: options.consensus ?? 'any',
    minSupport: options.minSupport ?? 0,
  };
}

/** A refinement result as synth returns it. */
export function refinementOf(candidate: string, text: string, answer: string | undefined) {
  return {
    prompt: `Solve 12+7\nSuspect:\n${candidate}\nRedo:\n`,
    result: sample(0, text, answer ?? ''),
  };
}

function sample(index: number, text: string, answer: string): Sample {
  return {
    index,
    text,
    answer,
    parsed: answer !== '',
    finish_reason: FinishReason.FINISH_REASON_STOP,
    completion_tokens: text.length,
  };
}
