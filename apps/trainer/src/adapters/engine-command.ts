import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EngineCommand } from '../domain/training-plan';

/**
 * The embedded engine's CLI, run as a separate process exactly as a user would run it
 * (`node --import tsx apps/engine/src/main.ts train CONFIG.yaml`); the trainer never imports engine
 * code. tsx is given as a file URL so the child resolves it whatever its working directory.
 */
export function engineCommand(): EngineCommand {
  return {
    node: process.execPath,
    tsxImport: pathToFileURL(require.resolve('tsx')).href,
    main: path.resolve(__dirname, '../../../engine/src/main.ts'),
  };
}
