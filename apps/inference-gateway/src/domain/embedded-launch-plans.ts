import { engineKeyEnv } from './engine-key-env';
import type { LaunchPlan } from './launch-plan';

export interface EmbeddedSettings {
  /** The node binary. */
  node: string;
  /** tsx's CommonJS require hook, given to --require so node runs TypeScript. */
  tsxRequire: string;
  /** The engine's CLI entry (apps/engine/src/main.ts). */
  engineMain: string;
  servedModelName: string;
  maxModelLen: number;
  instances: number;
  /** Instance i samples with seed + i, so instances do not repeat each other's unseeded draws. */
  seed: number;
  /** Threads each instance splits its decode steps between. */
  threads: number;
  /** Key the engines want on /v1/* (gRPC auth on); none leaves their API open. */
  apiKey?: string;
}

/** N processes of the embedded engine's `serve`, each on a port it picks and reports. */
export function embeddedLaunchPlans(checkpoint: string, s: EmbeddedSettings): LaunchPlan[] {
  return Array.from({ length: s.instances }, (_, i) => ({
    id: `embedded-${i}`,
    command: s.node,
    args: [
      '--require', s.tsxRequire, s.engineMain,
      'serve', checkpoint,
      '--host', '127.0.0.1',
      '--port', '0',
      '--served-model-name', s.servedModelName,
      '--max-model-len', String(s.maxModelLen),
      '--seed', String(s.seed + i),
      '--threads', String(s.threads),
    ],
    env: engineKeyEnv(s.apiKey),
    port: 0,
    gpus: '',
    updatesWeightsInPlace: true,
  }));
}
