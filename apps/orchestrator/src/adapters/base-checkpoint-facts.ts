import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { RunVersions } from '../domain/run-meta';

const MANIFEST = z.object({ weights_sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const CONFIG = z.object({ provenance: z.record(z.string(), z.unknown()) });

/**
 * What a base checkpoint folder says about itself: the weights' sha256 its manifest quotes and the
 * provenance its config.json records (the embedded engine's checkpoints have both). Read, not
 * computed: hashing a served model's weights could take minutes. A hub id, or a folder without these
 * files, gives nothing.
 */
export function baseCheckpointFacts(model: string): Pick<RunVersions, 'base_weights_sha256' | 'base_provenance'> {
  if (!path.isAbsolute(model)) return {};
  return {
    base_weights_sha256: readJson(path.join(model, 'manifest.json'), MANIFEST)?.weights_sha256,
    base_provenance: readJson(path.join(model, 'config.json'), CONFIG)?.provenance,
  };
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return schema.safeParse(JSON.parse(text)).data;
  } catch {
    return undefined;
  }
}
