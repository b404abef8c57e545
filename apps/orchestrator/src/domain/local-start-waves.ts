import type { ServiceAddresses } from '../adapters/aero-services';

type ServiceName = keyof ServiceAddresses;

/**
 * The order in which local mode starts the services: a service reads its dependencies' addresses
 * from its config at start, so it starts in the wave after the last of them. Services of one wave
 * start together; the fewer the waves, the sooner the first engine request (each wave waits for its
 * slowest service, the analyzer's equivalence worker taking longest).
 */
export function localStartWaves(judgeEnabled: boolean): ServiceName[][] {
  const needs: Record<ServiceName, ServiceName[]> = {
    inference_gateway: [],
    trainer: [],
    // The analyzer calls the gateway only to ask the model judge.
    analyzer: judgeEnabled ? ['inference_gateway'] : [],
    synth: ['inference_gateway', 'analyzer'],
    verifier: ['synth', 'analyzer'],
  };
  const waveOf = new Map<ServiceName, number>();
  const place = (name: ServiceName): number => {
    let wave = waveOf.get(name);
    if (wave === undefined) {
      wave = Math.max(-1, ...needs[name].map(place)) + 1;
      waveOf.set(name, wave);
    }
    return wave;
  };
  const waves: ServiceName[][] = [];
  for (const name of Object.keys(needs) as ServiceName[]) (waves[place(name)] ??= []).push(name);
  return waves;
}
