import { z } from 'zod';
import type { AeroConfig } from '@aero/config';
import { unary } from '@aero/service-kit';
import type { RunStore } from '../adapters/run-store';
import { resolveDatasetOptions } from '../domain/resolve-dataset-options';
import { buildDataset } from '../use-cases/build-dataset';
import { requestFields } from './request-fields';
import { toRpcError } from './to-rpc-error';

const ratio = z.number().min(0, 'must be >= 0');
const weight = z.number();

const schema = z.object({
  run_id: requestFields.runId,
  round: requestFields.round,
  staggered: z.boolean().optional(),
  replay_pool_size: z.number().int().min(0).max(1_000_000).optional(),
  replay_ratios: z.object({ generator: ratio, solver: ratio, refiner: ratio }).optional(),
  weights: z.object({ generator: weight, solver: weight, refiner: weight }).optional(),
  seed: z.number().int().optional(),
  generator_undesirable_cap: z.number().min(0, 'must be in 0..1000').max(1000, 'must be in 0..1000').optional(),
});

export function buildDatasetHandler(store: RunStore, aero: AeroConfig['aero']) {
  return unary(schema, async (request) => {
    try {
      return buildDataset(store, request.run_id, resolveDatasetOptions(request, aero));
    } catch (error) {
      throw toRpcError(error);
    }
  });
}
