import { extractAnswer, type Extraction, type ExtractionMode } from '@aero/answer';
import { classifyStatus, type QuestionStatus, type ZpdThresholds } from './classify-status';
import { clusterSamples, type Cluster } from './cluster-samples';
import { computeEntropy } from './compute-entropy';

/** One sample with its extracted answer. */
export interface AnalyzedSample {
  index: number;
  text: string;
  /** Empty when parsed is false. */
  answer: string;
  parsed: boolean;
}

/** The entropy analysis of one question's samples (AERO-SPEC 2.3-2.5). */
export interface Analysis {
  clusters: Cluster[];
  totalValid: number;
  sampleCount: number;
  entropy: number;
  normalizedEntropy: number;
  status: QuestionStatus;
}

/**
 * Extraction (by `mode`), clustering, entropy and status for the n samples of one question. A
 * request holds megabytes of samples and clustering compares up to n² pairs, so the work goes in
 * steps: `pause` is awaited before each extraction and each equivalence question (time-slices.ts),
 * and `extract` may read a long text elsewhere (the service reads it in a worker thread).
 */
export async function analyzeSamples(
  texts: readonly string[],
  thresholds: ZpdThresholds,
  mode: ExtractionMode,
  equivalent: (clusterKey: string, answer: string) => Promise<boolean>,
  pause?: () => Promise<void>,
  extract: (text: string, mode: ExtractionMode) => Extraction | Promise<Extraction> = extractAnswer,
): Promise<{ analysis: Analysis; samples: AnalyzedSample[] }> {
  const samples: AnalyzedSample[] = [];
  for (const [index, text] of texts.entries()) {
    await pause?.();
    const { found, answer } = await extract(text, mode);
    samples.push({ index, text, answer, parsed: found });
  }
  const clusters = await clusterSamples(
    samples.map((s) => ({ index: s.index, text: s.text, answer: s.parsed ? s.answer : null })),
    async (key, answer) => {
      await pause?.();
      return equivalent(key, answer);
    },
  );
  const totalValid = clusters.reduce((sum, c) => sum + c.count, 0);
  const { entropy, normalizedEntropy } = computeEntropy(
    clusters.map((c) => c.count),
    texts.length,
  );
  const status = classifyStatus(totalValid, normalizedEntropy, thresholds);
  return { analysis: { clusters, totalValid, sampleCount: texts.length, entropy, normalizedEntropy, status }, samples };
}
