/**
 * Would ICC label more precisely with more refinements per candidate? For every question of a run
 * that ICC refined (its two largest clusters' representatives s1 and s2), the model that served
 * that round refines each candidate K more times (refiner prompt of the record; temperature and
 * most tokens the run's refiner settings unless --temperature is given), and each rule below is scored against the question's known answer:
 * - `1 draw`: the first draw of each candidate, as ICC does (AERO-SPEC 2.7);
 * - `plurality of 3` / `plurality of 5`: each candidate's answer is the one most of its first 3 (at
 *   least 2) or 5 (at least 3) draws give, no tie;
 * - `3 + 3 unanimous`: all six draws give the same answer.
 * The two answers must agree and, as `aero.icc_consensus: c1_or_c2` asks, be c1's or c2's answer.
 * `record` is the outcome the run recorded. Round r was sampled by the checkpoint trained in round
 * r - 1 (`training/r<r-1>/model`; round 1 by the run's base), which refines here unless `--model`
 * names another checkpoint (e.g. the base, to see whether training changed what the model agrees on).
 *
 * Usage: node --import tsx tools/bench/engine/icc-refinements.ts RUN_DIR [--k 5] [--temperature T] [--rounds 1,2,3,4,5] [--model DIR]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { groundTruthOf } from '@aero/arithmetic';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { boxedAnswer } from '../../../apps/engine/src/domain/answer';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { generate, type Sample } from '../../../apps/engine/src/sample/generate';
import { positiveInt } from './level-options';

/** The parts of a question record (`rounds/<r>/questions/<id>.json`) this tool reads. */
interface RefinedQuestion {
  question: { text: string };
  analysis: { clusters: { key: string }[] };
  verification: { outcome: string; consensus?: string; refinements: { prompt: string }[] };
}

/** The answer most of `answers` give, when at least `least` give it and no other answer as many. */
function plurality(answers: readonly (string | undefined)[], least: number): string | undefined {
  const counts = new Map<string, number>();
  for (const a of answers) if (a !== undefined) counts.set(a, (counts.get(a) ?? 0) + 1);
  const ranked = [...counts].sort((x, y) => y[1] - x[1]);
  if (ranked.length === 0 || ranked[0][1] < least || ranked[1]?.[1] === ranked[0][1]) return undefined;
  return ranked[0][0];
}

const RULES: { name: string; draws: number; answer: (draws: readonly (string | undefined)[][]) => [string | undefined, string | undefined] }[] = [
  { name: '1 draw', draws: 1, answer: (d) => [d[0][0], d[1][0]] },
  { name: 'plurality of 3', draws: 3, answer: (d) => [plurality(d[0].slice(0, 3), 2), plurality(d[1].slice(0, 3), 2)] },
  { name: 'plurality of 5', draws: 5, answer: (d) => [plurality(d[0].slice(0, 5), 3), plurality(d[1].slice(0, 5), 3)] },
  { name: '3 + 3 unanimous', draws: 3, answer: (d) => { const all = plurality([...d[0].slice(0, 3), ...d[1].slice(0, 3)], 6); return [all, all]; } },
];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { k: { type: 'string', default: '5' }, temperature: { type: 'string' }, rounds: { type: 'string', default: '1,2,3,4,5' }, model: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('give one run folder: icc-refinements.ts RUN_DIR');
  const runDir = path.resolve(positionals[0]);
  const k = positiveInt(values.k, '--k');
  const rounds = (values.rounds ?? '').split(',').map((r) => positiveInt(r, '--rounds'));
  const run = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as {
    config: { engine: { model: string }; aero: { temperatures: { refiner: number }; max_tokens: { refiner: number } } };
  };
  const temperature = values.temperature === undefined ? run.config.aero.temperatures.refiner : Number(values.temperature);
  if (!(temperature >= 0 && temperature <= 2)) throw new Error(`--temperature takes a number from 0 to 2, got ${JSON.stringify(values.temperature)}`);
  const maxTokens = run.config.aero.max_tokens.refiner;
  const rules = RULES.filter((rule) => rule.draws <= k);

  const refiner = values.model === undefined ? "each round's model" : values.model;
  console.log(`${runDir}: ICC's consensus with ${k} refinements per candidate by ${refiner} at temperature ${temperature}; % right of the questions each rule labels\n`);
  console.log('| round | questions refined | largest cluster right | rule | labelled | right | wrong |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const round of rounds) {
    const roundModel = round === 1 ? path.resolve(run.config.engine.model) : path.join(runDir, 'training', `r${round - 1}`, 'model');
    const model = values.model === undefined ? roundModel : path.resolve(values.model);
    const checkpoint = loadCheckpoint(model);
    const decoder = new Decoder(checkpoint.cfg, checkpoint.params);
    const dir = path.join(runDir, 'rounds', String(round), 'questions');
    const questions = fs.readdirSync(dir).sort()
      .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RefinedQuestion)
      .filter((q) => q.verification?.refinements?.length === 2 && groundTruthOf(q.question.text) !== undefined);
    const requests = questions.flatMap((q, i) => q.verification.refinements.map((refinement, j) => ({
      prompt: checkpoint.tokenizer.encode(refinement.prompt), n: k, temperature, topP: 1, maxTokens, stop: [], seed: 100_000 * round + 2 * i + j,
    })));
    // 64 prompts at a time: each of their k draws holds a KV cache of the whole context.
    const samples: Sample[][] = [];
    for (let start = 0; start < requests.length; start += 64) samples.push(...(await generate(decoder, checkpoint.tokenizer, requests.slice(start, start + 64))));
    const value = (answer: string | undefined): string | undefined => (answer === undefined ? undefined : groundTruthOf(answer));
    const truths = questions.map((q) => groundTruthOf(q.question.text) as string);
    const clusters = questions.map((q) => q.analysis.clusters.slice(0, 2).map((c) => value(c.key)));
    const majorityShare = `${Math.round((100 * clusters.filter((c, i) => c[0] === truths[i]).length) / questions.length)}%`;
    const tally = (name: string, labels: (string | undefined)[]): string => {
      const labelled = labels.filter((l) => l !== undefined).length;
      const right = labels.filter((l, i) => l !== undefined && l === truths[i]).length;
      return `| ${round} | ${questions.length} | ${majorityShare} | ${name} | ${labelled} | ${right} (${labelled ? Math.round((100 * right) / labelled) : 0}%) | ${labelled - right} |`;
    };
    console.log(tally('record', questions.map((q) => (q.verification.outcome === 'ICC_OUTCOME_CONVERGED' ? value(q.verification.consensus) : undefined))));
    for (const rule of rules) {
      const labels = questions.map((_, i) => {
        const draws = [0, 1].map((j) => samples[2 * i + j].map((s) => value(boxedAnswer(s.text))));
        const [a1, a2] = rule.answer(draws);
        return a1 !== undefined && a1 === a2 && clusters[i].includes(a1) ? a1 : undefined;
      });
      console.log(tally(rule.name, labels));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
