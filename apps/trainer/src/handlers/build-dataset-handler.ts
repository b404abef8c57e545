import { z } from 'zod';
import type { AeroConfig } from '@aero/config';
import { unary } from '@aero/service-kit';
import type { RunStore } from '../adapters/run-store';
import { resolveDatasetOptions } from '../domain/resolve-dataset-options';
import { buildDataset } from '../use-cases/build-dataset';
import { requestFields } from './request-fields';
import { roundExamplesField } from './round-examples-field';
import { toRpcError } from './to-rpc-error';

// Ratios are shares of the pool (normalised by their sum, so 0..1 expresses every split); weights
// above 100 copies of an example only blow the dataset up (its size is checked as well).
const ratio = z.number().min(0, 'must be in 0..1').max(1, 'must be in 0..1');
const weight = z.number().min(0, 'must be in 0..100').max(100, 'must be in 0..100');

const schema = z
  .object({
    run_id: requestFields.runId,
    round: requestFields.round,
    staggered: z.boolean().optional(),
    replay_pool_size: z.number().int().min(0, 'must be in 0..1000000').max(1_000_000, 'must be in 0..1000000').optional(),
    replay_ratios: z.object({ generator: ratio, solver: ratio, refiner: ratio }).optional(),
    weights: z.object({ generator: weight, solver: weight, refiner: weight }).optional(),
    seed: requestFields.seed.optional(),
    generator_undesirable_cap: z.number().min(0, 'must be in 0..1000').max(1000, 'must be in 0..1000').optional(),
    round_examples: roundExamplesField.schema,
  })
  .superRefine(roundExamplesField.check);

export function buildDatasetHandler(store: RunStore, aero: AeroConfig['aero']) {
  return unary(schema, async (request) => {
    try {
      return buildDataset(store, request.run_id, request.round_examples, resolveDatasetOptions(request, aero));
    } catch (error) {
      throw toRpcError(error);
    }
  });
}
