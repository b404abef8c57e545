import * as fs from 'node:fs';
import * as path from 'node:path';

export interface StandInCall {
  event: 'call';
  argv: string[];
  cwd: string;
  pid: number;
  env: Record<string, string | undefined>;
  config?: string;
}

export interface StandInEngine {
  event: 'engine';
  pid: number;
}

/**
 * Puts an executable `llamafactory-cli` into `binDir` that runs llamafactory-cli.stand-in.cjs with
 * this node, and returns the environment that puts it first on PATH and tells it where to record calls.
 */
export function installLlamafactoryStandIn(binDir: string): { env: Record<string, string>; calls: () => (StandInCall | StandInEngine)[] } {
  fs.mkdirSync(binDir, { recursive: true });
  const script = path.join(__dirname, 'llamafactory-cli.stand-in.cjs');
  const executable = path.join(binDir, 'llamafactory-cli');
  fs.writeFileSync(executable, `#!${process.execPath}\nrequire(${JSON.stringify(script)});\n`, { mode: 0o755 });
  const recordFile = path.join(binDir, 'calls.jsonl');
  return {
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, LLAMAFACTORY_STAND_IN_RECORD: recordFile },
    calls: () =>
      fs.existsSync(recordFile)
        ? fs.readFileSync(recordFile, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as StandInCall | StandInEngine)
        : [],
  };
}
