import type * as fs from 'node:fs';

/**
 * The node:fs calls that writeFileAtomic and the services' own file writers make. The writers take
 * it as a parameter so that a test can make a write fail the way a full disk does, which no test
 * can cause for real.
 */
export type FileSystem = Pick<
  typeof fs,
  'mkdirSync' | 'openSync' | 'writeSync' | 'writeFileSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync' | 'truncateSync'
>;
