import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { failingFileSystem } from '@aero/files';
import { writeTinyCheckpoint } from '../testing/write-tiny-checkpoint';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';

describe('checkpoint', () => {
  it('round-trips config and weights through safetensors', () => {
    const dir = writeTinyCheckpoint(3);
    const a = loadCheckpoint(dir);
    const copy = path.join(path.dirname(dir), 'copy');
    saveCheckpoint(copy, a, false);
    const b = loadCheckpoint(copy);
    expect(b.cfg).toEqual(a.cfg);
    expect(b.vocab).toEqual(a.vocab);
    expect(Buffer.from(b.params.buffer).equals(Buffer.from(a.params.buffer))).toBe(true);
    const buf = readFileSync(path.join(copy, 'model.safetensors'));
    const header = JSON.parse(buf.subarray(8, 8 + Number(buf.readBigUInt64LE(0))).toString());
    expect(header.wte).toEqual({ dtype: 'F32', shape: [a.cfg.vocabSize, a.cfg.dModel], data_offsets: [0, a.cfg.vocabSize * a.cfg.dModel * 4] });
    expect(readdirSync(path.dirname(dir)).sort()).toEqual(['copy', 'model']);
  });

  it('refuses to overwrite unless asked, and names missing files', () => {
    const dir = writeTinyCheckpoint(4);
    const ck = loadCheckpoint(dir);
    expect(() => saveCheckpoint(dir, ck, false)).toThrow('already exists');
    saveCheckpoint(dir, ck, true);
    expect(existsSync(path.join(dir, 'config.json'))).toBe(true);
    expect(() => loadCheckpoint(path.join(dir, 'nope'))).toThrow(/checkpoint file not found: .*config\.json/);
  });

  it('fails a write as on a full disk naming the file, keeping the checkpoint it was to replace and no temporary folder', () => {
    const dir = writeTinyCheckpoint(6);
    const before = readFileSync(path.join(dir, 'model.safetensors'));
    const next = { ...loadCheckpoint(dir), params: new Float32Array(before.length) };
    const full = failingFileSystem((file) => file.endsWith('model.safetensors'));
    expect(() => saveCheckpoint(dir, next, true, undefined, full)).toThrow(`disk full: ${dir}/model.safetensors`);
    expect(readFileSync(path.join(dir, 'model.safetensors')).equals(before)).toBe(true);
    expect(readdirSync(path.dirname(dir))).toEqual(['model']);
  });

  it('refuses an architecture whose heads the SIMD kernels cannot step through, naming the field', () => {
    const dir = writeTinyCheckpoint(5);
    const configPath = path.join(dir, 'config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    writeFileSync(configPath, JSON.stringify({ ...config, architecture: { ...config.architecture, nHeads: 16 } }));
    expect(() => loadCheckpoint(dir)).toThrow('architecture.dModel: must be a multiple of 8 and of 4 x nHeads');
  });
});
