import * as path from 'node:path';
import { writeFileAtomic } from '@aero/files';
import type { RunStore } from '../adapters/run-store';
import { buildReportModel } from '../domain/report/build-report-model';
import { renderReportHtml } from '../domain/report/render-report-html';
import { replayRun } from '../domain/replay-run';

/** Writes the run's HTML report (default <run_dir>/report.html) from its journal; returns the path. */
export function writeReport(store: RunStore, runId: string, out?: string): string {
  const view = replayRun(store.readMeta(runId), store.readEvents(runId));
  const file = path.resolve(out ?? path.join(store.runDir(runId), 'report.html'));
  writeFileAtomic(file, renderReportHtml(buildReportModel(view), new Date().toISOString()));
  return file;
}
