import * as fs from 'node:fs';
import * as path from 'node:path';

/** An executable `binDir/name` that runs the stand-in `script` (beside this file) with this node. */
export function writeNodeExecutable(binDir: string, name: string, script: string): string {
  fs.mkdirSync(binDir, { recursive: true });
  const file = path.join(binDir, name);
  fs.writeFileSync(file, `#!${process.execPath}\nrequire(${JSON.stringify(path.join(__dirname, script))});\n`, { mode: 0o755 });
  return file;
}
