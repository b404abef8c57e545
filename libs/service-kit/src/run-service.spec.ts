import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import { execa, type ResultPromise } from 'execa';
import { AnalyzerServiceClient } from '@aero/contracts';
import { unaryCall } from './call';
import { checkHealth } from './check-health';
import { connect } from './connect';

jest.setTimeout(60_000);

const ENTRY = path.join(__dirname, 'testing/echo-service.ts');
const REPO = path.resolve(__dirname, '../../..');

/** The port in the first line of `lines` that `portOf` reads one from. */
function portFrom(lines: Readable, portOf: (line: Record<string, unknown>) => unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const reader = readline.createInterface({ input: lines });
    reader.on('line', (line) => {
      // Node's own warnings are no JSON: skipped.
      const port = line.startsWith('{') ? portOf(JSON.parse(line) as Record<string, unknown>) : undefined;
      if (typeof port === 'number') resolve(port);
    });
    reader.on('close', () => reject(new Error('the service ended its output before saying its port')));
  });
}

/** The port of the log line "serving" (stderr), or of the line `{"event":"listening"}` (stdout). */
const serving = (line: Record<string, unknown>) => (line.msg === 'serving' ? line.port : undefined);
const listening = (line: Record<string, unknown>) => (line.event === 'listening' ? line.port : undefined);

/** What `stream` has given so far. */
function collect(stream: Readable): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

describe('runService when its own output fails', () => {
  let child: ResultPromise | undefined;
  // A stream with a descriptor, which the child gets as it is; { file } would have execa write the file, through a pipe.
  let full: fs.WriteStream;
  beforeAll(async () => {
    full = fs.createWriteStream('/dev/full');
    await once(full, 'open');
  });
  afterAll(() => full.destroy());
  afterEach(async () => {
    child?.kill('SIGTERM');
    await child;
  });

  const expectServing = async (port: number) => {
    const client = connect(AnalyzerServiceClient, `127.0.0.1:${port}`);
    try {
      expect(await checkHealth(`127.0.0.1:${port}`)).toBe('SERVING');
      expect((await unaryCall(client.extractAnswer.bind(client), { text: 'still here' })).answer).toBe('STILL HERE');
    } finally {
      client.close();
    }
    expect(child?.exitCode).toBeNull();
  };
  const start = (stdout: 'pipe' | 'full', stderr: 'pipe' | 'full') => {
    const of = (output: 'pipe' | 'full') => (output === 'full' ? full : output);
    return execa(process.execPath, ['--import', 'tsx', ENTRY, '--host', '127.0.0.1', '--port', '0'], {
      cwd: REPO,
      stdin: 'ignore',
      stdout: of(stdout),
      stderr: of(stderr),
      reject: false,
      buffer: false,
    });
  };

  it('serves on when stdout is a full disk (/dev/full: ENOSPC), and says so on stderr', async () => {
    child = start('full', 'pipe');
    const stderr = collect(child.stderr!);
    await expectServing(await portFrom(child.stderr!, serving));
    expect(stderr()).toMatch(/"msg":"stdout failed: nothing more is written to it","error":"ENOSPC/);
  });

  it('serves on when the reader of its stdout pipe is gone (EPIPE)', async () => {
    child = start('pipe', 'pipe');
    child.stdout?.destroy();
    const stderr = collect(child.stderr!);
    await expectServing(await portFrom(child.stderr!, serving));
    expect(stderr()).toMatch(/"msg":"stdout failed: nothing more is written to it","error":"write EPIPE"/);
  });

  it('serves on when stderr, where it logs, is a full disk', async () => {
    child = start('pipe', 'full');
    await expectServing(await portFrom(child.stdout!, listening));
  });
});
