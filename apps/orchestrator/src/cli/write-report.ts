import * as path from 'node:path';
import { writeFileAtomic } from '@aero/files';
import type { RunStore } from '../adapters/run-store';
import { buildReportModel } from '../domain/report/build-report-model';
import { renderReportHtml } from '../domain/report/render-report-html';
import { replayRun } from '../domain/replay-run';

/** Writes the run's HTML report (default <run_dir>/report.html) from its journal and question records; returns the path. */
export function writeReport(store: RunStore, runId: string, out?: string): string {
  const events = store.readEvents(runId);
  const view = replayRun(store.readMeta(runId), events);
  const readRecord = (round: number, questionId: string) => {
    try {
      return store.readQuestionRecord(runId, round, questionId);
    } catch (error) {
      // A question recorded in the journal whose file is gone (a pruned run folder) is left out.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const file = path.resolve(out ?? path.join(store.runDir(runId), 'report.html'));
  writeFileAtomic(file, renderReportHtml(buildReportModel({ view, events, readRecord }), new Date().toISOString()));
  return file;
}
