import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeNodeExecutable } from './write-node-executable';

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

/** The dataset of a train call, rendered as the YAML's template does: the prompt part and the trained part. */
export interface StandInRendered {
  event: 'rendered';
  template: string;
  enable_thinking?: boolean;
  examples: { prompt: string; response: string; label: boolean }[];
}

export type StandInEvent = StandInCall | StandInEngine | StandInRendered;

/**
 * Puts an executable `llamafactory-cli` into `binDir` that runs llamafactory-cli.stand-in.cjs with
 * this node, and returns the environment that puts it first on PATH and tells it where to record calls.
 */
export function installLlamafactoryStandIn(binDir: string): { env: Record<string, string>; calls: () => StandInEvent[] } {
  writeNodeExecutable(binDir, 'llamafactory-cli', 'llamafactory-cli.stand-in.cjs');
  const recordFile = path.join(binDir, 'calls.jsonl');
  return {
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, LLAMAFACTORY_STAND_IN_RECORD: recordFile },
    calls: () =>
      fs.existsSync(recordFile)
        ? fs.readFileSync(recordFile, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as StandInEvent)
        : [],
  };
}
