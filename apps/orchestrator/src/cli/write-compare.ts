import * as path from 'node:path';
import { writeFileAtomic } from '@aero/files';
import type { RunStore } from '../adapters/run-store';
import { buildCompareModel } from '../domain/compare/build-compare-model';
import { renderCompareHtml } from '../domain/compare/render-compare-html';
import { replayRun } from '../domain/replay-run';
import { RUN_ID_PATTERN } from '../domain/run-id-pattern';

/**
 * Writes the HTML comparison of the runs (default <runs_dir>/logs/compare-<time>.html, beside the
 * sweeps' logs) from their journals; returns the path. Every unknown run is named before anything
 * is read.
 */
export function writeCompare(store: RunStore, runIds: readonly string[], out?: string): string {
  const twice = runIds.filter((id, i) => runIds.indexOf(id) !== i);
  if (twice.length) throw new Error(`run ${twice[0]} is given twice`);
  const unknown = runIds.filter((id) => !RUN_ID_PATTERN.test(id) || !store.exists(id));
  if (unknown.length) throw new Error(`unknown run${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: not in ${store.runsDir}`);
  const views = runIds.map((id) => replayRun(store.readMeta(id), store.readEvents(id)));
  const file = path.resolve(out ?? path.join(store.runsDir, 'logs', `compare-${Date.now()}.html`));
  writeFileAtomic(file, renderCompareHtml(buildCompareModel(views), new Date().toISOString()));
  return file;
}
