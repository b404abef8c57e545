import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OrchestratorServiceClient } from '@aero/contracts';
import { isRunning, processStat, until } from '@aero/process/testing';
import { connect, unaryCall } from '@aero/service-kit';
import { startChildService } from './adapters/start-child-service';
import { writeTestConfig } from './testing/test-config';
import { testModel } from './testing/test-model';

// `kill -9` of a local-mode orchestrator's whole process group in the middle of a run (as
// `kill -9 -PGID`, an OOM killer or a lost terminal may do it): the services it started, and the
// engine `serve` the gateway started, must all go by themselves, since nobody is left to stop them.

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestrator-kill-'));
let configFile: string;

const commandLine = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/** The processes whose command line names this test's config (the orchestrator, its services), and all they started. */
function processesOfThisTest(): number[] {
  const children = new Map<number, number[]>();
  const pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
  for (const pid of pids) {
    const ppid = processStat(pid)?.ppid;
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const ours = pids.filter((pid) => commandLine(pid).includes(configFile));
  for (const pid of ours) ours.push(...(children.get(pid) ?? []).filter((child) => !ours.includes(child)));
  return ours;
}

beforeAll(async () => {
  configFile = writeTestConfig(work, await testModel(work), { rounds: 1 });
}, 120_000);

describe('kill -9 of a local-mode orchestrator with its whole process group', () => {
  it('leaves no service and no engine serve process behind', async () => {
    const orchestrator = await startChildService({
      name: 'orchestrator',
      entry: path.join(__dirname, 'main.ts'),
      args: ['--host', '127.0.0.1', '--config', configFile],
      env: { AERO__ORCHESTRATOR__RESUME_INTERRUPTED: 'false' },
      onStderr: () => undefined,
    });
    const client = connect(OrchestratorServiceClient, `127.0.0.1:${orchestrator.port}`);
    try {
      // The run starts the five services, and the gateway its engine.
      await unaryCall(client.startRun.bind(client), { name: 'killed', config_overrides: {} });
      let ours: number[] = [];
      const allUp = () => {
        const lines = (ours = processesOfThisTest()).map(commandLine);
        return lines.filter((line) => line.includes(configFile)).length === 6 && lines.some((line) => / serve /.test(line));
      };
      expect(await until(allUp, 180_000, 1_000)).toBe(true);

      // The orchestrator leads a group of its own (startChildService); each service leads another.
      process.kill(-orchestrator.pid, 'SIGKILL');
      await until(() => !ours.some(isRunning), 60_000, 500);
      expect(ours.filter(isRunning).map(commandLine)).toEqual([]);
    } finally {
      client.close();
      await orchestrator.stop();
    }
  }, 300_000);
});
