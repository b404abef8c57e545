import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { failingFileSystem } from '@aero/files';
import { loadCheckpoint } from '../checkpoint/checkpoint';
import { parameterLayout } from '../model/model-config';
import { packDocuments, TrainGraph } from '../model/train-graph';
import { writeKtoRun } from '../testing/write-kto-run';
import { writeTinyCheckpoint } from '../testing/write-tiny-checkpoint';
import { readKtoConfig } from './kto-config';
import { trainKto } from './kto-trainer';

const RECORDS = [
  { prompt: 'Solve 2+3\n', completion: '2+3=5\n\\boxed{5}', label: true },
  { prompt: 'Solve 2+3\n', completion: '2+3=6\n\\boxed{6}', label: false },
  { prompt: 'Solve 4*2\n', completion: '4*2=8\n\\boxed{8}', label: true },
  { prompt: 'Solve 4*2\n', completion: '4*2=6\n\\boxed{6}', label: false },
];

function sequenceLogps(modelDir: string): number[] {
  const ck = loadCheckpoint(modelDir);
  const graph = new TrainGraph(ck.cfg);
  return RECORDS.map((r) => {
    const p = ck.tokenizer.encode(r.prompt);
    const logp = graph.forward(ck.params, packDocuments([{ tokens: [...p, ...ck.tokenizer.encode(r.completion), ck.tokenizer.eos], lossFrom: p.length }]));
    return logp.reduce((a, b) => a + b, 0);
  });
}

describe('trainKto', () => {
  const base = writeTinyCheckpoint(31);

  it('raises the log-probability of desirable and lowers that of undesirable completions', async () => {
    const run = writeKtoRun(base, RECORDS, { num_train_epochs: 1, per_device_train_batch_size: 4, gradient_accumulation_steps: 1 });
    const before = sequenceLogps(base);
    const result = await trainKto(readKtoConfig(run.config), { workers: 0, log: () => undefined });
    expect(result.total_steps).toBe(1);
    const after = sequenceLogps(run.outputDir);
    RECORDS.forEach((r, i) => (r.label ? expect(after[i]).toBeGreaterThan(before[i]) : expect(after[i]).toBeLessThan(before[i])));
  });

  it('writes LLaMA-Factory progress lines (with KL and rewards), all_results.json and a loadable checkpoint', async () => {
    const run = writeKtoRun(base, RECORDS, { num_train_epochs: 2 });
    await trainKto(readKtoConfig(run.config), { workers: 2, log: () => undefined });
    const lines = readFileSync(path.join(run.outputDir, 'trainer_log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[1]).sort()).toEqual([
      'current_steps', 'elapsed_time', 'epoch', 'kl', 'loss', 'lr', 'percentage', 'remaining_time', 'rewards_chosen', 'rewards_rejected', 'total_steps',
    ]);
    expect(lines[1]).toMatchObject({ current_steps: 2, total_steps: 2, epoch: 2, percentage: 100 });
    expect(JSON.parse(readFileSync(path.join(run.outputDir, 'all_results.json'), 'utf8'))).toMatchObject({ epoch: 2, total_steps: 2 });
    expect(loadCheckpoint(run.outputDir).provenance).toMatchObject({ kind: 'kto', examples: 4 });
  });

  it('trains a LoRA adapter on the linear layers and saves it merged; full fine-tuning moves every tensor', async () => {
    const start = loadCheckpoint(base);
    const changed = async (overrides: Record<string, unknown>): Promise<string[]> => {
      const run = writeKtoRun(base, RECORDS, { num_train_epochs: 3, per_device_train_batch_size: 4, gradient_accumulation_steps: 1, ...overrides });
      await trainKto(readKtoConfig(run.config), { workers: 0, log: () => undefined });
      const after = loadCheckpoint(run.outputDir).params;
      return parameterLayout(start.cfg).tensors
        .filter((t) => after.subarray(t.offset, t.offset + t.size).some((v, i) => v !== start.params[t.offset + i]))
        .map((t) => t.name.replace(/^h\.\d+\./, 'h.*.'));
    };
    expect([...new Set(await changed({}))].sort()).toEqual(['h.*.fc.w', 'h.*.fcproj.w', 'h.*.proj.w', 'h.*.qkv.w']);
    expect(new Set(await changed({ lora_target: 'fc' }))).toEqual(new Set(['h.*.fc.w']));
    expect(new Set(await changed({ lora_target: 'fc', additional_target: 'wpe,lnf' }))).toEqual(new Set(['h.*.fc.w', 'wpe', 'lnf.w', 'lnf.b']));
    const full = new Set(await changed({ finetuning_type: 'full' }));
    for (const name of ['wte', 'h.*.ln1.w', 'h.*.qkv.b', 'h.*.fc.w', 'lnf.b']) expect(full).toContain(name);
  }, 60_000);

  it('refuses an existing output_dir unless overwrite_output_dir is set', async () => {
    const run = writeKtoRun(base, RECORDS);
    mkdirSync(run.outputDir);
    writeFileSync(path.join(run.outputDir, 'keep.txt'), 'x');
    await expect(trainKto(readKtoConfig(run.config), { workers: 0, log: () => undefined })).rejects.toThrow('output_dir already exists');
    expect(readFileSync(path.join(run.outputDir, 'keep.txt'), 'utf8')).toBe('x');
  });

  it.each([
    ['an unsupported key', { deepspeed: 'ds.json' }, /unsupported key\(s\): deepspeed/],
    ['a wrong stage', { stage: 'dpo' }, /key stage/],
    ['a negative pref_ftx', { pref_ftx: -1 }, /key pref_ftx/],
    ['a missing model', { model_name_or_path: '/nonexistent/model' }, /checkpoint file not found: \/nonexistent\/model/],
    ['a missing dataset', { dataset: 'nope' }, /no dataset named "nope"/],
    ['an unknown LoRA module', { lora_target: 'qkv,c_attn' }, /key lora_target: unknown module\(s\) "c_attn"/],
    ['the freeze method', { finetuning_type: 'freeze' }, /key finetuning_type/],
    ['an unknown additional module', { additional_target: 'lm_head' }, /key additional_target: unknown module\(s\) "lm_head"/],
  ])('names %s and writes nothing', async (_, override, message) => {
    const run = writeKtoRun(base, RECORDS, override);
    await expect((async () => trainKto(readKtoConfig(run.config), { workers: 0, log: () => undefined }))()).rejects.toThrow(message);
    expect(existsSync(run.outputDir)).toBe(false);
  });

  it('names a missing dataset file and writes nothing', async () => {
    const run = writeKtoRun(base, RECORDS);
    const cfg = YAML.parse(readFileSync(run.config, 'utf8'));
    rmSync(path.join(cfg.dataset_dir, 'train.jsonl'));
    await expect(trainKto(readKtoConfig(run.config), { workers: 0, log: () => undefined })).rejects.toThrow(/dataset file not found: .*train\.jsonl/);
    expect(existsSync(run.outputDir)).toBe(false);
  });

  it.each([
    ['its progress log', 'trainer_log.jsonl'],
    ['its checkpoint', 'model.safetensors'],
    ['its results', 'all_results.json'],
  ])('fails a write of %s as on a full disk naming the file, and marks nothing finished', async (_, name) => {
    const run = writeKtoRun(base, RECORDS, { num_train_epochs: 2 });
    // The first progress line is written: the disk fills up in the middle of the job.
    let lines = 0;
    const full = failingFileSystem((file) => path.basename(file).startsWith(name) && (name !== 'trainer_log.jsonl' || ++lines > 1));
    const error = await trainKto(readKtoConfig(run.config), { workers: 2, log: () => undefined, files: full }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(new RegExp(`^disk full: ${run.outputDir}/(\\.staging-\\d+/)?${name.replace('.', '\\.')}$`));
    expect(existsSync(path.join(run.outputDir, 'all_results.json'))).toBe(false);
  });

  it('names a malformed record by file and line', async () => {
    const run = writeKtoRun(base, RECORDS);
    const cfg = YAML.parse(readFileSync(run.config, 'utf8'));
    const file = path.join(cfg.dataset_dir, 'train.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8') + JSON.stringify({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }], label: 'yes' }) + '\n');
    await expect(trainKto(readKtoConfig(run.config), { workers: 0, log: () => undefined })).rejects.toThrow(/train\.jsonl:5: malformed record: "label" must be true or false/);
    expect(existsSync(run.outputDir)).toBe(false);
  });
});
