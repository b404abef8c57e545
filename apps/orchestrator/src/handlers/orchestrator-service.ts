import { z } from 'zod';
import { OrchestratorServiceService } from '@aero/contracts';
import { defineService, serverStream, unary, type GrpcService } from '@aero/service-kit';
import type { RunManager } from '../application/run-manager';
import { RUN_ID_PATTERN } from '../domain/run-id-pattern';

const RUN_ID_RULE = 'must be 1..64 letters, digits, "-" or "_"';
// abort: an empty id is missing, and saying also that it breaks the pattern would only add noise.
const runId = z.string().min(1, { message: 'is required', abort: true }).regex(RUN_ID_PATTERN, RUN_ID_RULE);
const byRun = z.object({ run_id: runId });
// aero.rounds is at most 1000, so no run has a round beyond it.
const round = z.number().int().min(0).max(1000, 'must be in 0..1000');
const DEFAULT_PAGE_SIZE = 50;

/** The Orchestrator service: validation here, everything else in the run manager. */
export function orchestratorService(runs: RunManager): GrpcService {
  return defineService(OrchestratorServiceService, {
    startRun: unary(
      z.object({
        name: runId,
        config_overrides: z.record(z.string(), z.string()),
        origin: z.object({ run_id: runId, round }).optional(),
      }),
      async (request) => ({ run: runs.start(request.name, request.config_overrides, request.origin) }),
    ),
    watchRun: serverStream(
      z.object({ run_id: runId, from_sequence: z.number().int().min(0) }),
      async function* (request, ctx) {
        for await (const event of runs.watch(request.run_id, request.from_sequence, ctx.signal)) yield { event };
      },
    ),
    getRun: unary(byRun, async (request) => ({ run: runs.get(request.run_id) })),
    listRuns: unary(
      z.object({ page_size: z.number().int().min(0).max(1000, 'must be at most 1000'), page_token: z.string() }),
      async (request) => {
        const page = runs.list(request.page_size || DEFAULT_PAGE_SIZE, request.page_token);
        return { runs: page.runs, next_page_token: page.next };
      },
    ),
    cancelRun: unary(byRun, async (request) => ({ run: await runs.cancel(request.run_id) })),
    resumeRun: unary(byRun, async (request) => ({ run: runs.resume(request.run_id) })),
    chat: unary(
      // The ranges of synth's Solve, which answers it.
      z.object({
        run_id: runId,
        round: round.optional(),
        question: z.string().max(1_000_000, 'must be at most 1,000,000 characters').refine((s) => s.trim() !== '', 'must not be empty'),
        n: z.number().int().min(0).max(1024, 'must be at most 1024'),
        temperature: z.number().min(0, 'must be in [0, 2]').max(2, 'must be in [0, 2]').optional(),
        max_tokens: z.number().int().min(1, 'must be in 1..1048576').max(1_048_576, 'must be in 1..1048576').optional(),
      }),
      async (request, ctx) => runs.chat(request, ctx.signal),
    ),
  });
}
