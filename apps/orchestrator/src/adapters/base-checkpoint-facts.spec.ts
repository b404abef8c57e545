import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '@aero/testing';
import { baseCheckpointFacts } from './base-checkpoint-facts';

describe('baseCheckpointFacts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'base-checkpoint-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the weights' hash from the manifest and the provenance from config.json of the shipped base model", () => {
    const base = path.join(repoRoot, 'apps/engine/models/base');
    const manifest = JSON.parse(fs.readFileSync(path.join(base, 'manifest.json'), 'utf8')) as { weights_sha256: string };
    const facts = baseCheckpointFacts(base);
    expect(facts.base_weights_sha256).toBe(manifest.weights_sha256);
    expect(facts.base_provenance).toMatchObject({ kind: 'pretrain' });
  });

  it('gives nothing for a hub id, a folder without those files, or files that do not say it', () => {
    expect(baseCheckpointFacts('Qwen/Qwen3-0.6B')).toEqual({ base_weights_sha256: undefined, base_provenance: undefined });
    expect(baseCheckpointFacts(dir)).toEqual({ base_weights_sha256: undefined, base_provenance: undefined });
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ weights_sha256: 'not a hash' }));
    fs.writeFileSync(path.join(dir, 'config.json'), '{"provenance": ');
    expect(baseCheckpointFacts(dir)).toEqual({ base_weights_sha256: undefined, base_provenance: undefined });
  });
});
