/**
 * Path of tsx's CommonJS require hook: `node --require <it> entry.ts` runs a TypeScript entry of this
 * repository. The code is CommonJS, so tsx's ESM loader (`--import tsx`, whose hooks run on a
 * thread of their own) adds only start-up time: 0.35-0.5 s of a service's 2-2.7 s (synth, verifier;
 * 5 alternating starts each). ESM-only packages such as execa still load with import().
 */
export function tsxRequireHook(): string {
  return require.resolve('tsx/cjs');
}
