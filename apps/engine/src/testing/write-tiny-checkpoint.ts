import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveCheckpoint } from '../checkpoint/checkpoint';
import { initParameters } from '../model/init-parameters';
import { ModelConfig } from '../model/model-config';
import { defaultVocab } from '../tokenizer/char-tokenizer';

/** A randomly initialised small model on disk: real weights, real sampling, fast enough for tests. */
export function writeTinyCheckpoint(seed = 7, arch: Partial<ModelConfig> = {}): string {
  const vocab = defaultVocab();
  const cfg: ModelConfig = { vocabSize: vocab.length, contextLength: 128, dModel: 32, nLayers: 2, nHeads: 2, ...arch };
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'engine-ckpt-')), 'model');
  saveCheckpoint(dir, { cfg, vocab, params: initParameters(cfg, seed), provenance: { kind: 'test', seed } }, false);
  return dir;
}
