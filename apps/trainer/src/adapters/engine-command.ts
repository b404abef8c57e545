import * as path from 'node:path';
import { tsxRequireHook } from '@aero/process';
import type { EngineCommand } from '../domain/training-plan';

/**
 * The embedded engine's CLI, run as a separate process exactly as a user would run it
 * (`node --require tsx/cjs apps/engine/src/main.ts train CONFIG.yaml`); the trainer never imports
 * engine code. tsx's hook is given as an absolute path so the child finds it whatever its working directory.
 */
export function engineCommand(): EngineCommand {
  return {
    node: process.execPath,
    tsxRequire: tsxRequireHook(),
    main: path.resolve(__dirname, '../../../engine/src/main.ts'),
  };
}
