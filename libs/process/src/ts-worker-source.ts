import { tsxRequireHook } from './tsx-require-hook';

/**
 * The `eval` source of a worker thread that runs the TypeScript file `entry`. Node 20 does not pass
 * tsx's loader hooks on to worker threads (a .ts entry fails with "Unknown file extension" even with
 * --import tsx in execArgv), so the worker starts from a CommonJS shim that registers tsx's require
 * hook and then loads the entry. Works under jest too. Imports nothing but tsx, so the engine can
 * load it from outside the repository (see apps/engine/src/main.ts).
 */
export function tsWorkerSource(entry: string): string {
  return `require(${JSON.stringify(tsxRequireHook())}); require(${JSON.stringify(entry)});`;
}
