import { parseArgs } from 'node:util';
import { loadConfig, type AeroConfig, type ServiceName } from '@aero/config';
import { watchParent } from '@aero/process';
import type { GrpcService } from './grpc-service';
import { createLogger, type Logger } from './logger';
import { startServer } from './start-server';
import { watchOutput, writeOutput } from './write-output';

export interface ServiceMain {
  /** Config key of the service (services.<name>). */
  name: ServiceName;
  /** Largest request message the service accepts; default gRPC's 4 MiB. */
  maxRequestBytes?: number;
  /** Builds the service from the validated config; `close` releases what it holds (engines, jobs). */
  build(context: { config: AeroConfig; log: Logger }): Promise<{ services: GrpcService[]; close?: () => Promise<void> }>;
}

const GRACE_MS = 10_000;

/**
 * Entry point of every app: `main.ts [--config FILE] [--port N] [--host H]`. Loads the config once,
 * serves with health and reflection, prints one JSON line `{"event":"listening",...}` on stdout,
 * and on SIGTERM/SIGINT, or when the process that started it with a parent pipe is gone, reports
 * NOT_SERVING, drains and exits.
 */
export async function runService(main: ServiceMain, argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
    strict: true,
  });
  const config = loadConfig({ file: values.config });
  const log = createLogger({ service: main.name, pid: process.pid }, config.logging.level);
  // Output that cannot be written (a full disk, a reader gone) is given up on; the service serves on.
  watchOutput(process.stdout, (error) => log.warn('stdout failed: nothing more is written to it', { error: error.message }));
  watchOutput(process.stderr);
  const endpoint = config.services[main.name];
  const port = values.port === undefined ? endpoint.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const host = values.host ?? config.services.host;
  const authToken = config.services.auth.enabled ? requireToken(config) : undefined;

  const built = await main.build({ config, log });
  const server = await startServer({ services: built.services, host, port, log, authToken, tls: config.services.tls, maxRequestBytes: main.maxRequestBytes });
  writeOutput(process.stdout, JSON.stringify({ event: 'listening', service: main.name, host, port: server.port }) + '\n');
  log.info('serving', { host, port: server.port, auth: authToken !== undefined, tls: config.services.tls.enabled });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    await server.shutdown(GRACE_MS);
    await built.close?.();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // Started by another process (the orchestrator in local mode): stop the same way once it is gone,
  // however it died, so that what this service started (engines, training jobs) goes too.
  watchParent(() => stop('parent exited'));
}

function requireToken(config: AeroConfig): string {
  const name = config.services.auth.token_env;
  const token = process.env[name];
  if (!token) throw new Error(`services.auth.enabled is true but environment variable ${name} is empty`);
  return token;
}

/** Reports a start-up failure on stderr and exits non-zero; the message names what is wrong. */
export function exitOnStartupError(error: unknown): never {
  process.stderr.write(JSON.stringify({ level: 'error', msg: 'start-up failed', error: (error as Error).message }) + '\n');
  process.exit(1);
}
