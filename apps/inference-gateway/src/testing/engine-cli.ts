import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '@aero/testing';

/** The embedded engine's CLI, run as `node --import <tsx> <main> ...` (never imported). */
export const engineCli = {
  node: process.execPath,
  tsxImport: pathToFileURL(require.resolve('tsx')).href,
  main: path.join(repoRoot, 'apps/engine/src/main.ts'),
  args(...rest: string[]): string[] {
    return ['--import', this.tsxImport, this.main, ...rest];
  },
};
