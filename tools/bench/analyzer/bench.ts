/**
 * Analyzer benchmark: agreement with the corpus per class (false "equivalent" and proven "different"
 * verdicts counted), equivalence checks per second cold (every pair computed) against cached (every
 * pair a cache hit), beside the original implementation's whitespace-stripped string compare as the
 * baseline of the same run; a clustering workload of 16-sample questions; and CheckEquivalence over
 * a loopback gRPC socket, with the latency of each call; and a question's 8 answers read by one
 * ExtractAnswers call beside 8 ExtractAnswer calls (wall and CPU per question). Corpus sides that
 * are whole model outputs are extracted in lenient mode (the production profile's) first.
 * Usage: node --import tsx tools/bench/analyzer/bench.ts [--reps N] [--questions N]
 */
import { extractAnswer, type ExtractionMode } from '@aero/answer';
import { AnalyzerServiceClient, AnalyzeResponse } from '@aero/contracts';
import { connect, createLogger, startServer, unaryCall } from '@aero/service-kit';
import { analyzeSamples } from '../../../apps/analyzer/src/domain/analyze-samples';
import { CheapVerdicts } from '../../../apps/analyzer/src/domain/cheap-verdicts';
import { EquivalenceChecker } from '../../../apps/analyzer/src/domain/equivalence-checker';
import type { Verdict } from '../../../apps/analyzer/src/domain/verdict';
import { analyzerService } from '../../../apps/analyzer/src/handlers/analyzer-service';
import { readEquivalenceCorpus } from '../../../apps/analyzer/src/testing/read-equivalence-corpus';
import { corpusAnswers, scoreCorpus, type CorpusScore } from '../../../apps/analyzer/src/testing/score-corpus';

/** The analyzer's checker with its cheap verdicts on this thread (the service runs them in its worker thread). */
function checkerHere(): EquivalenceChecker {
  const cheap = new CheapVerdicts(CACHE);
  return new EquivalenceChecker(CACHE, async (a, b) => cheap.decide(a, b));
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const REPS = option('--reps', 5);
const QUESTIONS = option('--questions', 200);
const SPEC = { masteryBelow: 0.3, chaosAbove: 0.7 };
const CACHE = 1_000_000;
const PARSE_FAILURE: Verdict = { equivalent: false, method: 'undecided' };

const corpus = readEquivalenceCorpus();
// The answers each pair compares; null where a whole output states none (a parse failure).
const answers = corpus.map(corpusAnswers);
const checkable = answers.flatMap((a) => (a ? [a] : []));

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number): number => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
const seconds = (): number => performance.now() / 1000;

/** AERO-SPEC 7: the original decided equivalence by a whitespace-stripped string compare, else an LLM call. */
const stringCompare = (a: string, b: string): boolean => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/** Median rate of `run` (which returns how many items it processed) over REPS repetitions. */
async function rate(run: () => Promise<number> | number): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = seconds();
    const n = await run();
    rates.push(n / (seconds() - t0));
  }
  return median(rates);
}

/**
 * Questions of 16 samples as a solver writes them: a few values per question, each written in
 * several equivalent forms, some samples without a box. Values differ between questions, so a
 * fresh checker sees no repeated pair across questions.
 */
function questions(count: number): string[][] {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const forms = (p: number, q: number): string[] => [`\\frac{${p}}{${q}}`, `\\dfrac{${p}}{${q}}`, `${p}/${q}`, (p / q).toFixed(6).replace(/0+$/, ''), `\\frac{${2 * p}}{${2 * q}}`];
  return Array.from({ length: count }, (_, i) => {
    const values = [[i + 1, i + 2], [i + 3, 2 * i + 7], [3 * i + 5, i + 4], [i + 11, 5]];
    return Array.from({ length: 16 }, () => {
      if (random() < 0.1) return 'I could not finish the computation.';
      const [p, q] = values[Math.min(3, Math.floor(random() ** 2 * 4))];
      const written = forms(p, q);
      return `Step by step ... so the answer is \\boxed{${written[Math.floor(random() * written.length)]}}.`;
    });
  });
}

/** Distinct raw answers of a question: the original asked the LLM judge once per pair of them. */
function originalJudgeCalls(samples: string[]): number {
  const distinct = new Set(samples.flatMap((s) => /\\boxed\{(.*)\}/.exec(s)?.[1]?.replace(/\s+/g, '') ?? []));
  return (distinct.size * (distinct.size - 1)) / 2;
}

async function main(): Promise<void> {
  const rows: [string, string, string, string][] = [];
  const f = (x: number, d = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const pct = (s: CorpusScore) => `${f((100 * s.agreeing) / s.pairs, 1)} %`;

  // Agreement, per class.
  const ours = checkerHere();
  const verdicts = await Promise.all(answers.map((a) => (a ? ours.check(a[0], a[1], { allowJudge: false }) : PARSE_FAILURE)));
  const { byClass, overall } = scoreCorpus(corpus, verdicts);
  const baseline = scoreCorpus(corpus, answers.map((a): Verdict => ({ equivalent: a !== null && stringCompare(a[0], a[1]), method: 'exact' }))).overall;
  const agreement: [string, string, string, string, string][] = [['class', 'pairs', 'agree', 'false equivalent', 'proven different']];
  for (const [cls, s] of [...byClass, ['overall', overall] as const]) agreement.push([cls, f(s.pairs), pct(s), f(s.falseEquivalent), f(s.provenDifferent)]);

  // Corpus pairs, as checks per second.
  let sink = 0;
  const stringRate = await rate(() => {
    for (let k = 0; k < 100; k++) for (const [a, b] of checkable) sink += stringCompare(a, b) ? 1 : 0;
    return 100 * checkable.length;
  });
  const cold = await rate(async () => {
    const checker = checkerHere();
    for (const [a, b] of checkable) await checker.check(a, b, { allowJudge: false });
    return checkable.length;
  });
  const cached = await rate(async () => {
    for (let k = 0; k < 20; k++) for (const [a, b] of checkable) await ours.check(a, b, { allowJudge: false });
    return 20 * checkable.length;
  });
  const undecided = verdicts.filter((v) => v.method === 'undecided').length;
  rows.push(['corpus: original string compare (baseline)', `${f(stringRate)} /s`, '1.00x', `${pct(baseline)} agree`]);
  rows.push(['corpus: analyzer, cold (no cache hit)', `${f(cold)} /s`, `${(cold / stringRate).toPrecision(2)}x`, `${pct(overall)} agree, ${undecided} undecided`]);
  rows.push(['corpus: analyzer, cached (all hits)', `${f(cached)} /s`, `${(cached / stringRate).toPrecision(2)}x`, `${f(cached / cold, 0)}x cold`]);

  // Clustering workload: Analyze's equivalence checks on 16-sample questions.
  const qs = questions(QUESTIONS);
  const counted = (checker: EquivalenceChecker, stats: { checks: number }) => async (a: string, b: string) => {
    stats.checks++;
    return (await checker.check(a, b, { allowJudge: false })).equivalent;
  };
  const coldStats = { checks: 0 };
  const coldQps = await rate(async () => {
    const checker = checkerHere();
    for (const q of qs) await analyzeSamples(q, SPEC, 'strict', counted(checker, coldStats));
    return qs.length;
  });
  const warm = checkerHere();
  for (const q of qs) await analyzeSamples(q, SPEC, 'strict', counted(warm, { checks: 0 }));
  const warmQps = await rate(async () => {
    for (const q of qs) await analyzeSamples(q, SPEC, 'strict', counted(warm, { checks: 0 }));
    return qs.length;
  });
  const checksPerQuestion = coldStats.checks / (REPS * qs.length);
  const judgeCallsPerQuestion = qs.reduce((s, q) => s + originalJudgeCalls(q), 0) / qs.length;
  rows.push(['Analyze (n=16, extraction+clustering+entropy): cold', `${f(coldQps)} q/s`, '', `${f(coldQps * checksPerQuestion)} checks/s`]);
  rows.push(['Analyze: cached (same questions again)', `${f(warmQps)} q/s`, `${(warmQps / coldQps).toFixed(2)}x cold`, `${f(warmQps * checksPerQuestion)} checks/s`]);
  rows.push(['equivalence checks per question: analyzer', f(checksPerQuestion, 2), '', 'no engine request']);
  rows.push(['LLM judge calls per question: original (one per distinct pair)', f(judgeCallsPerQuestion, 2), '', 'each an engine request']);

  // The RPC as the verifier calls it: sequential CheckEquivalence over loopback gRPC, each call timed.
  // Cold: every pair computed, by a fresh service per pass (after one pass that warms the JIT up).
  const log = createLogger({ bench: 'analyzer' }, 'error', () => undefined);
  const serve = async () => {
    const deps = { checker: checkerHere(), judgeEnabled: false, defaults: SPEC, extraction: 'strict' as const, extract: async (text: string, mode: ExtractionMode) => extractAnswer(text, mode), encodeAnalyzeResponse: async (response: AnalyzeResponse) => Buffer.from(AnalyzeResponse.encode(response).finish()) };
    const server = await startServer({ services: [analyzerService(deps)], host: '127.0.0.1', port: 0, log });
    const client = connect(AnalyzerServiceClient, `127.0.0.1:${server.port}`);
    const pass = async (into: number[]) => {
      for (const [a, b] of checkable) {
        const t0 = performance.now();
        await unaryCall(client.checkEquivalence.bind(client), { a, b, allow_judge: false });
        into.push(performance.now() - t0);
      }
    };
    return { client, pass, close: async () => (client.close(), server.shutdown(1000)) };
  };
  const coldMs: number[] = [];
  const cachedMs: number[] = [];
  for (let r = 0; r <= REPS; r++) {
    const service = await serve();
    await service.pass(r === 0 ? [] : coldMs);
    if (r > 0) await service.pass(cachedMs);
    await service.close();
  }
  const latency = (ms: number[]) => `median ${f(median(ms), 3)} ms, p90 ${f(quantile(ms, 0.9), 3)} ms`;
  rows.push(['CheckEquivalence RPC, loopback, sequential, cold', latency(coldMs), '', `${f(1000 / median(coldMs))} /s at the median`]);
  rows.push(['CheckEquivalence RPC, loopback, sequential, cached', latency(cachedMs), '', `${f(1000 / median(cachedMs))} /s at the median`]);

  // The answers of one question's 8 samples as synth asks for them, question after question: one
  // ExtractAnswers call, beside 8 ExtractAnswer calls side by side (synth's way before ExtractAnswers).
  // CPU counts both ends of the socket: client and service run in this process.
  const extraction = async (batched: boolean) => {
    const { client, close } = await serve();
    const ask = (texts: string[]) =>
      batched ? unaryCall(client.extractAnswers.bind(client), { texts }) : Promise.all(texts.map((text) => unaryCall(client.extractAnswer.bind(client), { text })));
    for (const q of qs.slice(0, 20)) await ask(q.slice(0, 8));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const q of qs) await ask(q.slice(0, 8));
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await close();
    return { wall: wall / qs.length, cpu: (cpu.user + cpu.system) / 1000 / qs.length };
  };
  const single: { wall: number; cpu: number }[] = [];
  const batched: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < REPS; r++) {
    single.push(await extraction(false));
    batched.push(await extraction(true));
  }
  const perQuestion = (xs: { wall: number; cpu: number }[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  const [one, all] = [perQuestion(single), perQuestion(batched)];
  const extractionRow = (name: string, x: { wall: number; cpu: number }, ratio: string): [string, string, string, string] => [name, `${f(x.wall, 3)} ms wall`, ratio, `${f(x.cpu, 3)} ms CPU per question`];
  rows.push(extractionRow("a question's 8 answers: 8 ExtractAnswer RPCs side by side (baseline)", one, ''));
  rows.push(extractionRow("a question's 8 answers: one ExtractAnswers RPC", all, `${(one.wall / all.wall).toFixed(2)}x faster, ${(one.cpu / all.cpu).toFixed(2)}x less CPU`));

  console.log(`analyzer bench: ${corpus.length} corpus pairs (${corpus.length - checkable.length} with a whole output that states no answer), ${qs.length} questions x 16 samples; medians of ${REPS} runs (${sink > 0 ? 'ok' : 'no'} baseline matches)`);
  console.log('\nagreement with the corpus, cheap methods only (no judge):');
  const aw = [0, 1, 2, 3, 4].map((i) => Math.max(...agreement.map((r) => r[i].length)));
  for (const r of agreement) console.log(`  ${r[0].padEnd(aw[0])}  ${r[1].padStart(aw[1])}  ${r[2].padStart(aw[2])}  ${r[3].padStart(aw[3])}  ${r[4].padStart(aw[4])}`);
  console.log('');
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3]}`);
}

main().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
