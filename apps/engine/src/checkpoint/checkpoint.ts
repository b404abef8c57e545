import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ModelConfig, ModelConfigSchema, parameterLayout } from '../model/model-config';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

const ConfigFileSchema = z.object({
  model_type: z.literal('aero-embedded-gpt'),
  architecture: ModelConfigSchema,
  vocab: z.array(z.string()),
  chat_template: z.string(),
  provenance: z.record(z.string(), z.unknown()),
});

export interface Checkpoint {
  cfg: ModelConfig;
  vocab: string[];
  params: Float32Array;
  provenance: Record<string, unknown>;
}

export const CHAT_TEMPLATE_NAME = 'concat-contents';

export function loadCheckpoint(dir: string): Checkpoint & { tokenizer: CharTokenizer } {
  const configPath = path.join(dir, 'config.json');
  const weightsPath = path.join(dir, 'model.safetensors');
  for (const f of [configPath, weightsPath]) if (!existsSync(f)) throw new Error(`checkpoint file not found: ${f}`);
  const parsed = ConfigFileSchema.safeParse(JSON.parse(readFileSync(configPath, 'utf8')));
  if (!parsed.success) throw new Error(`${configPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { architecture: cfg, vocab, provenance } = parsed.data;
  if (vocab.length !== cfg.vocabSize) throw new Error(`${configPath}: vocab has ${vocab.length} entries, architecture says ${cfg.vocabSize}`);
  const tensors = decodeSafetensors(readFileSync(weightsPath), weightsPath);
  const { tensors: specs, total } = parameterLayout(cfg);
  const params = new Float32Array(total);
  for (const s of specs) {
    const t = tensors.get(s.name);
    if (!t) throw new Error(`${weightsPath}: missing tensor ${s.name}`);
    if (t.shape.join('x') !== s.shape.join('x')) throw new Error(`${weightsPath}: tensor ${s.name} has shape ${t.shape} instead of ${s.shape}`);
    params.set(t.data, s.offset);
  }
  return { cfg, vocab, params, provenance, tokenizer: new CharTokenizer(vocab) };
}

/**
 * Writes into a temporary sibling directory, fsyncs, then renames over the target, so a reader
 * never sees a half-written checkpoint. Refuses to replace an existing directory unless asked.
 * `extraFiles` (e.g. a manifest quoting the weights' sha256) land in the same atomic rename.
 * Returns the sha256 of model.safetensors.
 */
export function saveCheckpoint(
  dir: string, ckpt: Checkpoint, overwrite: boolean, extraFiles: (weightsSha256: string) => Record<string, string> = () => ({}),
): string {
  const target = path.resolve(dir);
  if (existsSync(target) && !overwrite) throw new Error(`output directory already exists: ${target} (set overwrite to replace it)`);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmp);
  const { tensors } = parameterLayout(ckpt.cfg);
  const config = { model_type: 'aero-embedded-gpt', architecture: ckpt.cfg, vocab: ckpt.vocab, chat_template: CHAT_TEMPLATE_NAME, provenance: ckpt.provenance };
  writeDurably(path.join(tmp, 'config.json'), Buffer.from(JSON.stringify(config, null, 2) + '\n'));
  const named = tensors.map((t) => ({ name: t.name, shape: t.shape, data: ckpt.params.subarray(t.offset, t.offset + t.size) }));
  const weights = encodeSafetensors(named, { format: 'pt' });
  writeDurably(path.join(tmp, 'model.safetensors'), weights);
  const sha256 = createHash('sha256').update(weights).digest('hex');
  for (const [name, text] of Object.entries(extraFiles(sha256))) writeDurably(path.join(tmp, name), Buffer.from(text));
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  if (existsSync(old)) rmSync(old, { recursive: true, force: true });
  return sha256;
}

export function writeDurably(file: string, data: Buffer): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
