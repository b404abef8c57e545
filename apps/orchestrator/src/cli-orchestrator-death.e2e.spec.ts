import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';
import { processesNaming } from './testing/processes-naming';

// `aero run` in local mode while the orchestrator it started is killed (SIGKILL) mid-run: the CLI
// must say in one line what happened, where the orchestrator's log is and how to continue, with no
// gRPC status in it, and the command it prints must continue the run to its end.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-death-'));
let configFile: string;

const aero = (...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/orchestrator/src/cli.ts'), ...args, '--config', configFile], {
    cwd: repoRoot,
    reject: false,
    stdin: 'ignore',
  });

/** The orchestrator and the services it started: their command lines name this test's config. */
const processesOfThisTest = (): number[] => processesNaming(configFile);

/** The orchestrator the CLI process `cli` started: its child running the orchestrator's main.ts. */
function orchestratorOf(cli: number): number | undefined {
  return processesOfThisTest().find((pid) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return parent === cli && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('apps/orchestrator/src/main.ts');
  });
}

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work), { rounds: 1 });
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('says in one line that the orchestrator stopped, where its log is and how to resume, and the resume finishes the run', async () => {
  const run = aero('run', '--name', 'orphaned');
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    run.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('run orphaned is running')) resolve();
    });
    void run.then(() => reject(new Error(`the CLI exited before the run ran:\n${seen}`)));
  });
  const orchestrator = orchestratorOf(run.pid ?? -1);
  expect(orchestrator).toBeDefined();
  process.kill(orchestrator ?? -1, 'SIGKILL');
  const stopped = await run;

  expect(stopped.exitCode).toBe(1);
  const log = path.join(work, 'runs', 'logs');
  const logFile = fs.readdirSync(log).find((f) => f.startsWith('orchestrator-'));
  expect(stopped.stderr).toBe(
    `error: the orchestrator process stopped (killed by SIGKILL; its log: ${path.join(log, logFile ?? '')}); ` +
      'run orphaned stopped with it. Continue it with: npm run aero -- resume orphaned',
  );
  // the services notice their parent is gone and stop
  const deadline = Date.now() + 60_000;
  while (processesOfThisTest().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(processesOfThisTest()).toEqual([]);

  const resumed = await aero('resume', 'orphaned');
  expect([resumed.exitCode, resumed.stderr]).toEqual([0, '']);
  expect(resumed.stdout).toContain('run orphaned finished all 1 rounds');
}, 600_000);
