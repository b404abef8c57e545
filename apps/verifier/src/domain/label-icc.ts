import {
  IccOutcome,
  QuestionStatus,
  Role,
  type Cluster,
  type KtoExample,
  type Provenance,
  type VerifyResponse,
} from '@aero/contracts';
import type { IccEvidence, IccQuestion } from './icc-types';

/**
 * The outcome and the KTO examples of one question (AERO-SPEC 2.6-2.7): the generator example
 * (desirable iff the question is in the ZPD) first, then, only when ICC converged, the solver and
 * refiner examples. Solver examples carry the exact prompt the samples were drawn with. With the
 * majority labeller (an ablation) the largest cluster stands in for ICC's consensus; with the oracle,
 * the question's known answer.
 */
export function labelIcc(q: IccQuestion, evidence: IccEvidence): VerifyResponse {
  const base = { run_id: q.runId, round: q.round, question_id: q.question.id };
  const generator = example(Role.ROLE_GENERATOR, q.analysis.status === QuestionStatus.QUESTION_STATUS_ZPD, q.question.prompt, q.question.raw_output, {
    ...base,
    cluster_keys: [],
    source: 'generator',
  });
  const idle = { consensus: '', c1_ok: false, c2_ok: false };
  if (evidence.kind === 'skip') return { outcome: evidence.outcome, ...idle, refinements: [], examples: [generator] };

  const { c1, c2 } = evidence;
  const from = (source: string, sampleIndex?: number): Provenance => ({
    ...base,
    cluster_keys: [c1.key, c2.key],
    source,
    sample_index: sampleIndex,
  });
  const representativeIndex = (cluster: Cluster) =>
    cluster.member_indexes.find((i) => q.samples[i]?.text === cluster.representative);
  const c1Ok = evidence.agreeing.has(c1.key);
  const c2Ok = evidence.agreeing.has(c2.key);
  // An empty sample (the solver stopped at once) has no sequence to score; the trainer refuses an
  // empty completion, and one such line made it refuse the round's whole examples file.
  const paperLabels = (agreeing: ReadonlySet<string>) =>
    q.samples
      .filter((sample) => sample.text !== '')
      .map((sample) => example(Role.ROLE_SOLVER, agreesWithConsensus(q, agreeing, sample.index), q.solverPrompt, sample.text, from('paper.sample', sample.index)));

  if (evidence.kind === 'unrefined') {
    // Ablations of ICC: the consensus is taken as right as it stands and nothing is refined, so each
    // top cluster's representative is labelled by it and there is no refiner example.
    const solver =
      q.solverLabels === 'paper'
        ? paperLabels(evidence.agreeing)
        : [c1, c2].map((cluster, i) =>
            example(Role.ROLE_SOLVER, evidence.agreeing.has(cluster.key), q.solverPrompt, cluster.representative, from(`${evidence.by}.s${i + 1}`, representativeIndex(cluster))),
          );
    const outcome = evidence.by === 'majority' ? IccOutcome.ICC_OUTCOME_MAJORITY : IccOutcome.ICC_OUTCOME_ORACLE;
    return { outcome, consensus: evidence.consensus, c1_ok: c1Ok, c2_ok: c2Ok, refinements: [], examples: [generator, ...solver] };
  }

  const { r1, r2 } = evidence;
  const refinements = [
    { cluster_key: c1.key, prompt: r1.prompt, result: r1.result },
    { cluster_key: c2.key, prompt: r2.prompt, result: r2.result },
  ];
  if (!evidence.converged) {
    return { outcome: IccOutcome.ICC_OUTCOME_DIVERGED, ...idle, refinements, examples: [generator] };
  }
  if ((q.consensus === 'c1_or_c2' && !c1Ok && !c2Ok) || !supported(q, evidence.agreeing)) {
    return { outcome: IccOutcome.ICC_OUTCOME_UNCONFIRMED, ...idle, refinements, examples: [generator] };
  }

  const solver: KtoExample[] =
    q.solverLabels === 'paper'
      ? paperLabels(evidence.solverAgreeing)
      : [
          example(Role.ROLE_SOLVER, true, q.solverPrompt, r1.result.text, from('icc.r1')),
          ...(c1Ok ? [] : [example(Role.ROLE_SOLVER, false, q.solverPrompt, c1.representative, from('icc.s1', representativeIndex(c1)))]),
          ...(c2Ok ? [] : [example(Role.ROLE_SOLVER, false, q.solverPrompt, c2.representative, from('icc.s2', representativeIndex(c2)))]),
        ];
  // The refiner set has positives only: a refinement is rewarded where it corrected a wrong cluster.
  const refiner = [
    ...(c1Ok ? [] : [example(Role.ROLE_REFINER, true, r1.prompt, r1.result.text, from('icc.r1'))]),
    ...(c2Ok ? [] : [example(Role.ROLE_REFINER, true, r2.prompt, r2.result.text, from('icc.r2'))]),
  ];
  return {
    outcome: IccOutcome.ICC_OUTCOME_CONVERGED,
    consensus: r1.result.answer,
    c1_ok: c1Ok,
    c2_ok: c2Ok,
    refinements,
    examples: [generator, ...solver, ...refiner],
  };
}

/**
 * Whether at least q.minSupport of the samples give the consensus. A consensus few samples give is
 * most often wrong (embedded world, 7 runs of 5 rounds: right 28% of the time when 1 of 8 samples
 * gives it, 64% with 3, 93% with 6), and each wrong one is trained on as desirable.
 */
function supported(q: IccQuestion, agreeing: ReadonlySet<string>): boolean {
  const support = q.analysis.clusters.filter((c) => agreeing.has(c.key)).reduce((n, c) => n + c.count, 0);
  // The tolerance keeps a share such as 0.5 of 8 samples from asking for more than 4 through rounding.
  return support >= q.minSupport * q.analysis.sample_count - 1e-9;
}

/** A sample agrees when its cluster's key is equivalent to the consensus; parse failures never do. */
function agreesWithConsensus(q: IccQuestion, agreeing: ReadonlySet<string>, sampleIndex: number): boolean {
  const cluster = q.analysis.clusters.find((c) => c.member_indexes.includes(sampleIndex));
  return cluster !== undefined && agreeing.has(cluster.key);
}

function example(role: Role, label: boolean, prompt: string, completion: string, provenance: Provenance): KtoExample {
  return { role, label, prompt, completion, provenance };
}
