/**
 * Analyzer benchmark: equivalence checks per second, cold (every pair computed) against cached
 * (every pair a cache hit), beside the original implementation's whitespace-stripped string compare
 * as the baseline of the same run, on the analyzer's own corpus (with its agreement) and on a
 * clustering workload of 16-sample questions; plus CheckEquivalence over a loopback gRPC socket.
 * Usage: node --import tsx tools/bench/analyzer/bench.ts [--reps N] [--questions N]
 */
import { AnalyzerServiceClient } from '@aero/contracts';
import { connect, createLogger, startServer, unaryCall } from '@aero/service-kit';
import { analyzeSamples } from '../../../apps/analyzer/src/domain/analyze-samples';
import { EquivalenceChecker } from '../../../apps/analyzer/src/domain/equivalence-checker';
import { analyzerService } from '../../../apps/analyzer/src/handlers/analyzer-service';
import { readEquivalenceCorpus, type CorpusPair } from '../../../apps/analyzer/src/testing/read-equivalence-corpus';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const REPS = option('--reps', 5);
const QUESTIONS = option('--questions', 200);
const SPEC = { masteryBelow: 0.3, chaosAbove: 0.7 };
const CACHE = 1_000_000;

type Pair = CorpusPair;
const corpus = readEquivalenceCorpus();

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
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

  // Corpus pairs.
  const agreement = (verdict: (p: Pair) => boolean) => corpus.filter((p) => verdict(p) === p.equivalent).length / corpus.length;
  let sink = 0;
  const baseline = await rate(() => {
    for (let k = 0; k < 100; k++) for (const p of corpus) sink += stringCompare(p.a, p.b) ? 1 : 0;
    return 100 * corpus.length;
  });
  const cold = await rate(async () => {
    const checker = new EquivalenceChecker(CACHE);
    for (const p of corpus) await checker.check(p.a, p.b, { allowJudge: false });
    return corpus.length;
  });
  const warmChecker = new EquivalenceChecker(CACHE);
  for (const p of corpus) await warmChecker.check(p.a, p.b, { allowJudge: false });
  const cached = await rate(async () => {
    for (let k = 0; k < 20; k++) for (const p of corpus) await warmChecker.check(p.a, p.b, { allowJudge: false });
    return 20 * corpus.length;
  });
  const ours = new EquivalenceChecker(CACHE);
  const verdicts = await Promise.all(corpus.map((p) => ours.check(p.a, p.b, { allowJudge: false })));
  const ourAgreement = verdicts.filter((v, i) => v.equivalent === corpus[i].equivalent).length / corpus.length;
  const undecided = verdicts.filter((v) => v.method === 'undecided').length;
  rows.push(['corpus: original string compare (baseline)', `${f(baseline)} /s`, '1.00x', `${f(100 * agreement((p) => stringCompare(p.a, p.b)), 1)} % agree`]);
  rows.push(['corpus: analyzer, cold (no cache hit)', `${f(cold)} /s`, `${(cold / baseline).toPrecision(2)}x`, `${f(100 * ourAgreement, 1)} % agree, ${undecided} undecided`]);
  rows.push(['corpus: analyzer, cached (all hits)', `${f(cached)} /s`, `${(cached / baseline).toPrecision(2)}x`, `${f(cached / cold, 0)}x cold`]);

  // Clustering workload: Analyze's equivalence checks on 16-sample questions.
  const qs = questions(QUESTIONS);
  const counted = (checker: EquivalenceChecker, stats: { checks: number }) => async (a: string, b: string) => {
    stats.checks++;
    return (await checker.check(a, b, { allowJudge: false })).equivalent;
  };
  const coldStats = { checks: 0 };
  const coldQps = await rate(async () => {
    const checker = new EquivalenceChecker(CACHE);
    for (const q of qs) await analyzeSamples(q, SPEC, counted(checker, coldStats));
    return qs.length;
  });
  const warm = new EquivalenceChecker(CACHE);
  for (const q of qs) await analyzeSamples(q, SPEC, counted(warm, { checks: 0 }));
  const warmQps = await rate(async () => {
    for (const q of qs) await analyzeSamples(q, SPEC, counted(warm, { checks: 0 }));
    return qs.length;
  });
  const checksPerQuestion = coldStats.checks / (REPS * qs.length);
  const judgeCallsPerQuestion = qs.reduce((s, q) => s + originalJudgeCalls(q), 0) / qs.length;
  rows.push(['Analyze (n=16, extraction+clustering+entropy): cold', `${f(coldQps)} q/s`, '', `${f(coldQps * checksPerQuestion)} checks/s`]);
  rows.push(['Analyze: cached (same questions again)', `${f(warmQps)} q/s`, `${(warmQps / coldQps).toFixed(2)}x cold`, `${f(warmQps * checksPerQuestion)} checks/s`]);
  rows.push(['equivalence checks per question: analyzer', f(checksPerQuestion, 2), '', 'no engine request']);
  rows.push(['LLM judge calls per question: original (one per distinct pair)', f(judgeCallsPerQuestion, 2), '', 'each an engine request']);

  // The RPC as the verifier calls it: sequential CheckEquivalence over loopback gRPC.
  const log = createLogger({ bench: 'analyzer' }, 'error', () => undefined);
  const checker = new EquivalenceChecker(CACHE);
  const server = await startServer({ services: [analyzerService({ checker, judgeEnabled: false, defaults: SPEC })], host: '127.0.0.1', port: 0, log });
  const client = connect(AnalyzerServiceClient, `127.0.0.1:${server.port}`);
  const rpc = (p: Pair) => unaryCall(client.checkEquivalence.bind(client), { a: p.a, b: p.b, allow_judge: false });
  for (const p of corpus) await rpc(p);
  const rpcRate = await rate(async () => {
    for (const p of corpus) await rpc(p);
    return corpus.length;
  });
  client.close();
  await server.shutdown(1000);
  rows.push(['CheckEquivalence RPC, loopback, sequential, cached', `${f(rpcRate)} /s`, `${(rpcRate / cached).toFixed(3)}x in-process`, '']);

  console.log(`analyzer bench: ${corpus.length} corpus pairs, ${qs.length} questions x 16 samples; medians of ${REPS} runs (${sink > 0 ? 'ok' : 'no'} baseline matches)`);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}  ${r[3]}`);
}

main().catch((e: Error) => {
  console.error(`error: ${e.message}`);
  process.exitCode = 1;
});
