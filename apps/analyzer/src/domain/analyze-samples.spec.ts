import { analyzeSamples } from './analyze-samples';

const spec = { masteryBelow: 0.3, chaosAbove: 0.7 };
const identical = async (a: string, b: string) => a === b;
const boxed = (answers: (string | null)[]) => answers.map((a) => (a === null ? 'I could not finish.' : `work... \\boxed{${a}}`));

describe('analyzeSamples', () => {
  it('all 16 agree: one cluster, H = 0, mastery', async () => {
    const { analysis } = await analyzeSamples(boxed(Array(16).fill('5')), spec, 'strict', identical);
    expect(analysis).toMatchObject({ totalValid: 16, sampleCount: 16, entropy: 0, normalizedEntropy: 0, status: 'mastery' });
    expect(analysis.clusters).toHaveLength(1);
  });

  it('8/8 split: H = 1 bit, H̄ = 0.25, mastery (two clusters never reach the ZPD at n = 16)', async () => {
    const { analysis } = await analyzeSamples(boxed([...Array(8).fill('1'), ...Array(8).fill('2')]), spec, 'strict', identical);
    expect(analysis).toMatchObject({ entropy: 1, normalizedEntropy: 0.25, status: 'mastery' });
  });

  it('4 x 4: H̄ = 0.5, zpd', async () => {
    const answers = ['1', '2', '3', '4'].flatMap((a) => Array(4).fill(a));
    const { analysis } = await analyzeSamples(boxed(answers), spec, 'strict', identical);
    expect(analysis).toMatchObject({ entropy: 2, normalizedEntropy: 0.5, status: 'zpd' });
  });

  it('16 distinct answers: H̄ = 1, chaos', async () => {
    const { analysis } = await analyzeSamples(boxed(Array.from({ length: 16 }, (_, i) => String(i))), spec, 'strict', identical);
    expect(analysis.normalizedEntropy).toBeCloseTo(1, 12);
    expect(analysis.status).toBe('chaos');
  });

  it('counts parse failures in N: 4/4 valid among 16 samples gives H̄ = 1 / log2 16', async () => {
    const { analysis, samples } = await analyzeSamples(boxed(['1', '1', '1', '1', '2', '2', '2', '2', ...Array(8).fill(null)]), spec, 'strict', identical);
    expect(analysis).toMatchObject({ totalValid: 8, sampleCount: 16, entropy: 1, normalizedEntropy: 0.25, status: 'mastery' });
    expect(samples.filter((s) => !s.parsed)).toHaveLength(8);
    expect(samples[8]).toEqual({ index: 8, text: 'I could not finish.', answer: '', parsed: false });
  });

  it('no valid answer is chaos', async () => {
    const { analysis } = await analyzeSamples(boxed(Array(16).fill(null)), spec, 'strict', identical);
    expect(analysis).toMatchObject({ totalValid: 0, clusters: [], entropy: 0, normalizedEntropy: 0, status: 'chaos' });
  });

  it('N = 1: H̄ = 0, mastery when it has an answer, chaos when not', async () => {
    expect((await analyzeSamples(boxed(['3']), spec, 'strict', identical)).analysis).toMatchObject({ normalizedEntropy: 0, status: 'mastery' });
    expect((await analyzeSamples(boxed([null]), spec, 'strict', identical)).analysis.status).toBe('chaos');
  });

  it('clusters through the equivalence it is given', async () => {
    const half = async (a: string, b: string) => a === b || (a === '0.5' && b === '\\frac{1}{2}');
    const { analysis } = await analyzeSamples(boxed(['0.5', '0.5', '\\frac{1}{2}', '3']), spec, 'strict', half);
    expect(analysis.clusters.map((c) => [c.key, c.count, c.memberIndexes])).toEqual([
      ['0.5', 3, [0, 1, 2]],
      ['3', 1, [3]],
    ]);
  });
});

describe('analyzeSamples extraction', () => {
  it('reads the samples by the mode it is given', async () => {
    const texts = ['so \\boxed{1}\\boxed{2}', 'Final Answer: The answer is 7.'];
    const strict = await analyzeSamples(texts, spec, 'strict', identical);
    expect(strict.samples.map((s) => [s.answer, s.parsed])).toEqual([['2', true], ['', false]]);
    const lenient = await analyzeSamples(texts, spec, 'lenient', identical);
    expect(lenient.samples.map((s) => [s.answer, s.parsed])).toEqual([['1, 2', true], ['7', true]]);
  });

  it('pauses before each extraction and each equivalence question, and stops where a pause throws', async () => {
    const steps: string[] = [];
    const pause = async () => void steps.push('pause');
    const asked = async (a: string, b: string) => {
      steps.push(`${a}=${b}`);
      return a === b;
    };
    await analyzeSamples(boxed(['1', '2', '3']), spec, 'strict', asked, pause);
    expect(steps).toEqual(['pause', 'pause', 'pause', 'pause', '1=2', 'pause', '1=3', 'pause', '2=3']);
    const cancelled = new Error('cancelled');
    const stop = async () => {
      throw cancelled;
    };
    await expect(analyzeSamples(boxed(['1']), spec, 'strict', identical, stop)).rejects.toBe(cancelled);
  });
});
