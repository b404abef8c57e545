/**
 * Is refining easier than solving? ICC can only beat majority vote where it is. For benchmark
 * problems of each level: the share of samples the solver gets right (temperature 1, as the solver
 * role samples), the share of refinements of a right candidate that stay right, and the share of
 * refinements of a candidate with one slip (apps/engine/src/domain/faulty-derivation.ts) that come
 * out right (refiner temperature, default 0.5 as in config.yaml). Give several checkpoints to
 * compare them on the same problems, candidates and seeds.
 *
 * Usage: node --import tsx tools/bench/engine/refiner-check.ts [MODEL_DIR ...] [--per-level 40] [--k 4] [--temperature 0.5] [--levels 5,6,7,8]
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { embeddedTemplates, renderPrompt } from '../../../apps/engine/src/corpus/embedded-templates';
import { isCorrectSolution } from '../../../apps/engine/src/domain/check-answer';
import { parseChain } from '../../../apps/engine/src/domain/chain';
import { correctDerivation, formatDerivation } from '../../../apps/engine/src/domain/derive-chain';
import { faultyDerivation } from '../../../apps/engine/src/domain/faulty-derivation';
import { operationsOf } from '../../../apps/engine/src/domain/generate-problem';
import { DEFAULT_BENCHMARK, readBenchmark } from '../../../apps/engine/src/eval/benchmark';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { generate } from '../../../apps/engine/src/sample/generate';
import { Rng } from '../../../apps/engine/src/util/rng';
import { levelsOption, positiveInt } from './level-options';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      'per-level': { type: 'string', default: '40' }, k: { type: 'string', default: '4' }, temperature: { type: 'string', default: '0.5' }, levels: { type: 'string', default: '5,6,7,8' },
    },
    allowPositionals: true,
  });
  const perLevel = positiveInt(values['per-level'], '--per-level');
  const k = positiveInt(values.k, '--k');
  const temperature = Number(values.temperature);
  if (!(temperature >= 0 && temperature <= 2)) throw new Error(`--temperature takes a number from 0 to 2, got ${JSON.stringify(values.temperature)}`);
  const levels = levelsOption(values.levels);
  const models = positionals.length > 0 ? positionals : [path.resolve(__dirname, '../../../apps/engine/models/base')];
  const templates = embeddedTemplates();
  const benchmark = readBenchmark(DEFAULT_BENCHMARK);
  console.log(`% right of ${perLevel} problems x ${k} samples per level; refiner at temperature ${temperature}\n`);
  console.log('| model | level (operations) | solver sample right | right candidate kept right | slipped candidate mended |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const model of models) {
    const checkpoint = loadCheckpoint(path.resolve(model));
    const decoder = new Decoder(checkpoint.cfg, checkpoint.params);
    const encode = (text: string): number[] => checkpoint.tokenizer.encode(text);
    for (const level of levels) {
      const items = benchmark.filter((item) => item.level === level).slice(0, perLevel);
      // One slipped candidate per problem, the same for every model: seeded by the level alone.
      const rng = new Rng(level);
      const candidates = items.map((item) => {
        const chain = parseChain(item.question);
        if (!chain) throw new Error(`${item.id}: not a chain: ${item.question}`);
        return { right: formatDerivation(correctDerivation(chain)), slipped: formatDerivation(faultyDerivation(rng, chain, BigInt(item.answer))) };
      });
      const share = async (prompts: string[], t: number): Promise<string> => {
        const out = await generate(decoder, checkpoint.tokenizer, prompts.map((p, i) => ({ prompt: encode(p), n: k, temperature: t, topP: 1, maxTokens: 160, stop: [], seed: i })));
        const right = out.reduce((sum, samples, i) => sum + samples.filter((s) => isCorrectSolution(s.text, BigInt(items[i].answer))).length, 0);
        return ((100 * right) / (items.length * k)).toFixed(0);
      };
      const refine = (candidate: (c: (typeof candidates)[number]) => string): string[] =>
        items.map((item, i) => renderPrompt(templates.refiner, { question: item.question, candidate: candidate(candidates[i]) }));
      const solved = await share(items.map((item) => renderPrompt(templates.solver, { question: item.question })), 1);
      const kept = await share(refine((c) => c.right), temperature);
      const mended = await share(refine((c) => c.slipped), temperature);
      console.log(`| ${model} | ${level} (${operationsOf(level)}) | ${solved} | ${kept} | ${mended} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
