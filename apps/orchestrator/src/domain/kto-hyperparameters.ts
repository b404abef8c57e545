import type { AeroConfig } from '@aero/config';
import { KtoHyperparameters } from '@aero/contracts';

/**
 * The Train request's hyperparameters: every training.kto setting of the run, so that a run
 * override of any of them (training.kto.* is a run setting) reaches the trainer.
 */
export function ktoHyperparameters(kto: AeroConfig['training']['kto'], seed: number): KtoHyperparameters {
  return KtoHyperparameters.fromPartial({ ...kto, seed });
}
