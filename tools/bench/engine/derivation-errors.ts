/**
 * Where a model's derivations go wrong, level by level: samples each benchmark problem k times at
 * temperature 1 (as the solver role samples), classifies the first wrong line of every sample
 * against the right derivation (apps/engine/src/domain/first-derivation-error.ts), and prints the
 * shares per level. Give several checkpoints (a run's training/r<k>/model folders) to see what the
 * rounds changed; the same problems and seeds for each.
 *
 * Usage: node --import tsx tools/bench/engine/derivation-errors.ts [MODEL_DIR ...] [--per-level 60] [--k 4] [--levels 5,6,7,8]
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCheckpoint } from '../../../apps/engine/src/checkpoint/checkpoint';
import { embeddedTemplates, renderPrompt } from '../../../apps/engine/src/corpus/embedded-templates';
import { parseChain } from '../../../apps/engine/src/domain/chain';
import { firstDerivationError, type DerivationError } from '../../../apps/engine/src/domain/first-derivation-error';
import { operationsOf } from '../../../apps/engine/src/domain/generate-problem';
import { DEFAULT_BENCHMARK, readBenchmark } from '../../../apps/engine/src/eval/benchmark';
import { Decoder } from '../../../apps/engine/src/model/decoder';
import { generate } from '../../../apps/engine/src/sample/generate';
import { levelsOption, positiveInt } from './level-options';

const ERRORS: DerivationError[] = ['none', 'garbled', 'total', 'skip', 'repeat', 'sign', 'operand', 'result', 'stop', 'extra', 'box'];

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { 'per-level': { type: 'string', default: '60' }, k: { type: 'string', default: '4' }, levels: { type: 'string', default: '5,6,7,8' } },
    allowPositionals: true,
  });
  const perLevel = positiveInt(values['per-level'], '--per-level');
  const k = positiveInt(values.k, '--k');
  const levels = levelsOption(values.levels);
  const models = positionals.length > 0 ? positionals : [path.resolve(__dirname, '../../../apps/engine/models/base')];
  const template = embeddedTemplates().solver;
  const benchmark = readBenchmark(DEFAULT_BENCHMARK);
  console.log(`first wrong line of each sample, % of ${perLevel} problems x ${k} samples per level (temperature 1)\n`);
  console.log(`| model | level (operations) | ${ERRORS.join(' | ')} |`);
  console.log(`| --- | --- | ${ERRORS.map(() => '---').join(' | ')} |`);
  for (const model of models) {
    const checkpoint = loadCheckpoint(path.resolve(model));
    const decoder = new Decoder(checkpoint.cfg, checkpoint.params);
    for (const level of levels) {
      const items = benchmark.filter((item) => item.level === level).slice(0, perLevel);
      const samples = await generate(
        decoder,
        checkpoint.tokenizer,
        items.map((item, i) => ({ prompt: checkpoint.tokenizer.encode(renderPrompt(template, { question: item.question })), n: k, temperature: 1, topP: 1, maxTokens: 160, stop: [], seed: i })),
      );
      const counts = new Map<DerivationError, number>();
      items.forEach((item, i) => {
        const chain = parseChain(item.question);
        if (!chain) throw new Error(`${item.id}: not a chain: ${item.question}`);
        for (const sample of samples[i]) {
          const { error } = firstDerivationError(chain, sample.text);
          counts.set(error, (counts.get(error) ?? 0) + 1);
        }
      });
      const total = items.length * k;
      console.log(`| ${path.basename(path.dirname(model))}/${path.basename(model)} | ${level} (${operationsOf(level)}) | ${ERRORS.map((e) => ((100 * (counts.get(e) ?? 0)) / total).toFixed(0)).join(' | ')} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
