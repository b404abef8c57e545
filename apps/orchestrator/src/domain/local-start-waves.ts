import type { ServiceAddresses } from '../adapters/aero-services';

/**
 * The order in which local mode starts the services: a service reads its dependencies' addresses
 * from its config at start, so each wave only needs services of earlier waves (synth calls the
 * gateway and the analyzer; the verifier calls synth and the analyzer). Services of one wave start
 * together.
 */
export const LOCAL_START_WAVES: readonly (keyof ServiceAddresses)[][] = [
  ['inference_gateway', 'trainer'],
  ['analyzer'],
  ['synth'],
  ['verifier'],
];
