import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { repoRoot } from '@aero/testing';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { processesNaming } from './testing/processes-naming';

// The command line as a person uses it, on a tiny real run in local mode: `aero run`, Ctrl-C in the
// middle (the run is cancelled, and the CLI says how to continue), `aero resume` to the end with the
// per-round table and the report, then `aero status`.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-cli-'));
let configFile: string;

const aero = (...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), ...args, '--config', configFile], {
    cwd: repoRoot,
    reject: false,
    // a pipe, not a terminal: the progress bar is printed as plain lines
    stdin: 'ignore',
  });

/** Resolves once the process has printed `text` on stdout. */
function printed(child: ResultPromise, text: string): Promise<void> {
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
    void child.then(() => reject(new Error(`exited without printing ${JSON.stringify(text)}:\n${seen}`)));
  });
}

/** The orchestrator and the services it started: their command lines name this test's config. */
const processesOfThisTest = (): number[] => processesNaming(configFile);

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work), { rounds: 1 });
}, 120_000);

describe('aero run, Ctrl-C, resume, status', () => {
  it('cancels on Ctrl-C, resumes to the end with the table and the report, and leaves no process behind', async () => {
    const run = aero('run', '--name', 'by-cli');
    await printed(run, 'run by-cli is running');
    run.kill('SIGINT');
    const stopped = await run;
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stdout).toContain('run by-cli was cancelled');
    expect(stopped.stdout).toContain('Continue it with: npm run aero -- resume by-cli');
    expect(processesOfThisTest()).toEqual([]);

    const resumed = await aero('resume', 'by-cli');
    expect([resumed.exitCode, resumed.stderr]).toEqual([0, '']);
    const out = resumed.stdout;
    expect(out).toContain('Resuming run by-cli from its last recorded step.');
    expect(out).toMatch(/\[#+-*\] \d+\/4 questions · mastery \d+ · zpd \d+ · chaos \d+/);
    expect(out).toContain('run by-cli finished all 1 rounds');
    const table = out.slice(out.indexOf('Per-round summary of run by-cli'));
    expect(table).toMatch(/round +questions +mastery +zpd +chaos +ICC conv\/div\/unconf +generator \+\/− +solver \+\/− +refiner \+\/− +dataset +train loss +arithmetic acc/);
    expect(table).toMatch(/\n0 \(initial\) +\d+\.\d%\n/);
    expect(table).toMatch(/\n1 +4 +\d+ +\d+ +\d+ +\d+\/\d+\/\d+ +\d+\/\d+ +\d+\/\d+ +\d+\/\d+ +\d+ +\d+\.\d{4} +\d+\.\d%\n/);
    const report = path.join(work, 'runs', 'by-cli', 'report.html');
    expect(out).toContain(`Report: ${report}`);
    expect(fs.readFileSync(report, 'utf8')).toContain('<title>AERO run by-cli</title>');
    expect(processesOfThisTest()).toEqual([]);

    const list = await aero('status');
    expect(list.stdout).toMatch(/\nby-cli +succeeded +1\/1 +done /);
    const one = await aero('status', 'by-cli');
    expect(one.stdout).toContain('run by-cli: succeeded, round 1/1, done');
    expect(one.stdout).toMatch(/\n1 +4 +\d+/);

    const again = await aero('resume', 'by-cli');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/^error: run by-cli cannot be resumed: it has finished/);
    const missing = await aero('status', 'no-such-run');
    expect(missing.exitCode).toBe(1);
    // what went wrong in words, not the gRPC status number and name
    expect(missing.stderr).toMatch(/^error: .*no-such-run/);
    expect(missing.stderr).not.toMatch(/\d+ [A-Z_]+:/);
  }, 300_000);
});
