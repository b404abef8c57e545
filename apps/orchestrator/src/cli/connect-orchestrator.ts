import * as fs from 'node:fs';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import type { AeroConfig } from '@aero/config';
import { OrchestratorServiceClient } from '@aero/contracts';
import { connect, unaryCall } from '@aero/service-kit';
import { startChildService } from '../adapters/start-child-service';

/** An orchestrator to talk to, and how to let go of it. */
export interface OrchestratorConnection {
  client: OrchestratorServiceClient;
  /** Where the local orchestrator and its services log; undefined in remote mode. */
  logFile?: string;
  /**
   * Asked after a call failed UNAVAILABLE: what became of the orchestrator, in words ("the orchestrator
   * process stopped (killed by SIGKILL; its log: FILE)"), or undefined when it still answers.
   */
  gone(): Promise<string | undefined>;
  close(): Promise<void>;
}

// How long a local orchestrator whose connection broke may take to be seen exiting.
const EXIT_WAIT_MS = 2_000;

/**
 * The configured orchestrator (services.orchestrator.address), or in local mode a new one started for
 * this command: its own process group (Ctrl-C reaches only the CLI, which then stops things in
 * order), logs in <runs_dir>/logs, interrupted runs left alone (the CLI resumes what it is told to).
 */
export async function connectOrchestrator(config: AeroConfig, configFile: string | undefined): Promise<OrchestratorConnection> {
  const { services } = config;
  const token = services.auth.enabled ? process.env[services.auth.token_env] : undefined;
  if (services.orchestrator.address) {
    const { address } = services.orchestrator;
    const client = connect(OrchestratorServiceClient, address, { token, tls: services.tls });
    return {
      client,
      gone: async () => ((await answers(client)) ? undefined : `lost the connection to the orchestrator at ${address}`),
      close: async () => client.close(),
    };
  }
  const logFile = path.join(config.runs_dir, 'logs', `orchestrator-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  // A full disk must not crash the CLI over its orchestrator's log: say so once and drop the log.
  let logFailed = false;
  log.on('error', (error) => {
    if (!logFailed) process.stderr.write(`warning: cannot write the orchestrator log ${logFile} (${error.message}); its output is dropped\n`);
    logFailed = true;
  });
  const orchestrator = await startChildService({
    name: 'orchestrator',
    entry: path.resolve(__dirname, '../main.ts'),
    args: ['--host', '127.0.0.1', ...(configFile ? ['--config', configFile] : [])],
    env: { AERO__ORCHESTRATOR__RESUME_INTERRUPTED: 'false' },
    onStderr: (chunk) => log.write(chunk),
  }).catch((error: Error) => {
    throw new Error(`could not start the orchestrator (log: ${logFile}): ${error.message}`);
  });
  const client = connect(OrchestratorServiceClient, `127.0.0.1:${orchestrator.port}`, { token, tls: services.tls });
  return {
    client,
    logFile,
    gone: async () => {
      const exit = await Promise.race([orchestrator.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EXIT_WAIT_MS).unref())]);
      if (exit) return `the orchestrator process stopped (${exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.exitCode}`}; its log: ${logFile})`;
      return (await answers(client)) ? undefined : `lost the connection to the orchestrator (its log: ${logFile})`;
    },
    close: async () => {
      client.close();
      await orchestrator.stop();
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}

/** Whether the orchestrator answers a call at all (any status but UNAVAILABLE or a missed deadline). */
async function answers(client: OrchestratorServiceClient): Promise<boolean> {
  try {
    await unaryCall(client.getRun.bind(client), { run_id: '' }, { deadline: new Date(Date.now() + EXIT_WAIT_MS) });
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code !== Status.UNAVAILABLE && code !== Status.DEADLINE_EXCEEDED;
  }
}
