import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ModelConfig, ModelConfigSchema, parameterLayout } from '../model/model-config';
import { CharTokenizer } from '../tokenizer/char-tokenizer';
// Relative imports, not @aero/files: the trainer runs this CLI outside the repository (see main.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { FileSystem } from '../../../../libs/files/src/file-system';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { FileWriteError } from '../../../../libs/files/src/file-write-error';
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
  for (const f of [configPath, weightsPath]) if (!fs.existsSync(f)) throw new Error(`checkpoint file not found: ${f}`);
  const parsed = ConfigFileSchema.safeParse(JSON.parse(fs.readFileSync(configPath, 'utf8')));
  if (!parsed.success) throw new Error(`${configPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { architecture: cfg, vocab, provenance } = parsed.data;
  if (vocab.length !== cfg.vocabSize) throw new Error(`${configPath}: vocab has ${vocab.length} entries, architecture says ${cfg.vocabSize}`);
  const tensors = decodeSafetensors(fs.readFileSync(weightsPath), weightsPath);
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
 * Returns the sha256 of model.safetensors. A write that fails (a full disk) throws a FileWriteError
 * naming the checkpoint's file and leaves the target as it was and no temporary directory.
 */
export function saveCheckpoint(
  dir: string,
  ckpt: Checkpoint,
  overwrite: boolean,
  extraFiles: (weightsSha256: string) => Record<string, string> = () => ({}),
  files: FileSystem = fs,
): string {
  const target = path.resolve(dir);
  if (fs.existsSync(target) && !overwrite) throw new Error(`output directory already exists: ${target} (set overwrite to replace it)`);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  const old = `${target}.old-${process.pid}-${Date.now()}`;
  let writing = target;
  const write = (name: string, data: Buffer) => {
    writing = path.join(target, name);
    writeDurably(path.join(tmp, name), data, files);
  };
  try {
    files.mkdirSync(path.dirname(target), { recursive: true });
    files.mkdirSync(tmp);
    const { tensors } = parameterLayout(ckpt.cfg);
    const config = { model_type: 'aero-embedded-gpt', architecture: ckpt.cfg, vocab: ckpt.vocab, chat_template: CHAT_TEMPLATE_NAME, provenance: ckpt.provenance };
    write('config.json', Buffer.from(JSON.stringify(config, null, 2) + '\n'));
    const named = tensors.map((t) => ({ name: t.name, shape: t.shape, data: ckpt.params.subarray(t.offset, t.offset + t.size) }));
    const weights = encodeSafetensors(named, { format: 'pt' });
    write('model.safetensors', weights);
    const sha256 = createHash('sha256').update(weights).digest('hex');
    for (const [name, text] of Object.entries(extraFiles(sha256))) write(name, Buffer.from(text));
    writing = target;
    if (fs.existsSync(target)) files.renameSync(target, old);
    files.renameSync(tmp, target);
    if (fs.existsSync(old)) files.rmSync(old, { recursive: true, force: true });
    return sha256;
  } catch (error) {
    try {
      files.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(target) && fs.existsSync(old)) files.renameSync(old, target);
    } catch {
      // The write's own failure is the one to report.
    }
    throw (error as NodeJS.ErrnoException).code ? new FileWriteError(writing, error) : error;
  }
}

export function writeDurably(file: string, data: Buffer, files: FileSystem = fs): void {
  const fd = files.openSync(file, 'w');
  try {
    files.writeSync(fd, data);
    files.fsyncSync(fd);
  } finally {
    files.closeSync(fd);
  }
}
