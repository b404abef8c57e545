import * as path from 'node:path';
import { OrchestratorServiceClient } from '@aero/contracts';
import { isRunning, until } from '@aero/process/testing';
import { connect } from '@aero/service-kit';
import { startChildService, type ChildService } from '../../../apps/orchestrator/src/adapters/start-child-service';

const ORCHESTRATOR_MAIN = path.resolve(__dirname, '../../../apps/orchestrator/src/main.ts');

/** A service process of the stack: the orchestrator, or one it started in local mode. */
export interface StackService {
  /** "orchestrator", "synth", "inference_gateway", ... */
  name: string;
  address: string;
  pid: number;
}

/**
 * A local-mode orchestrator as a process group of its own, which starts the five services with its
 * first run; its log (and theirs) goes to `onLog`.
 */
export class LocalStack {
  private constructor(
    private readonly child: ChildService,
    private readonly started: StackService[],
    readonly client: OrchestratorServiceClient,
  ) {}

  static async start(configFile: string, resumeInterrupted: boolean, onLog: (chunk: Buffer) => void): Promise<LocalStack> {
    const started: StackService[] = [];
    let pending = '';
    const child = await startChildService({
      name: 'orchestrator',
      entry: ORCHESTRATOR_MAIN,
      args: ['--host', '127.0.0.1', '--config', configFile],
      env: { AERO__ORCHESTRATOR__RESUME_INTERRUPTED: String(resumeInterrupted) },
      onStderr: (chunk) => {
        onLog(chunk);
        const lines = (pending + chunk.toString()).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines.filter((l) => l.includes('"local service started"'))) {
          const { service, address, pid } = JSON.parse(line) as { service: string; address: string; pid: number };
          started.push({ name: service, address, pid });
        }
      },
    });
    return new LocalStack(child, started, connect(OrchestratorServiceClient, `127.0.0.1:${child.port}`));
  }

  /** The orchestrator and the services it has started so far. */
  services(): StackService[] {
    return [{ name: 'orchestrator', address: `127.0.0.1:${this.child.port}`, pid: this.child.pid }, ...this.started];
  }

  /** SIGKILL to the orchestrator's whole process group; resolves once every process of the stack is gone. */
  async kill(): Promise<void> {
    this.client.close();
    process.kill(-this.child.pid, 'SIGKILL');
    const pids = this.services().map((s) => s.pid);
    if (!(await until(() => !pids.some(isRunning), 60_000, 200))) {
      throw new Error(`still running 60 s after the kill: ${this.services().filter((s) => isRunning(s.pid)).map((s) => s.name)}`);
    }
  }

  async stop(): Promise<void> {
    this.client.close();
    await this.child.stop();
  }
}
