import type { AeroConfig } from '@aero/config';
import type { Logger } from '@aero/service-kit';
import { serviceMode } from '../domain/service-mode';
import { AeroServices } from './aero-services';
import { startLocalServices, type LocalServices } from './local-services';

/**
 * The services, connected on first use: the configured addresses in remote mode, or in local mode
 * five child processes started then (not at orchestrator start, so an orchestrator that only answers
 * GetRun costs nothing). close() stops exactly the processes it started.
 */
export class ServiceConnector {
  private connecting?: Promise<AeroServices>;
  private local?: LocalServices;
  private closed = false;

  constructor(
    private readonly config: AeroConfig,
    private readonly configFile: string | undefined,
    private readonly log: Logger,
  ) {
    serviceMode(config);
  }

  services(): Promise<AeroServices> {
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    const services = await this.connecting?.catch(() => undefined);
    services?.close();
    await this.local?.stop();
  }

  private async connect(): Promise<AeroServices> {
    const { services } = this.config;
    const token = services.auth.enabled ? process.env[services.auth.token_env] : undefined;
    if (serviceMode(this.config) === 'remote') {
      return new AeroServices(
        {
          inference_gateway: services.inference_gateway.address,
          synth: services.synth.address,
          analyzer: services.analyzer.address,
          verifier: services.verifier.address,
          trainer: services.trainer.address,
        },
        { token, tls: services.tls },
      );
    }
    this.log.info('local mode: starting the five services');
    const local = await startLocalServices({ configFile: this.configFile, host: services.host, runsDir: this.config.runs_dir, metricsPort: services.metrics_port, log: this.log });
    if (this.closed) {
      await local.stop();
      throw new Error('the orchestrator is shutting down');
    }
    this.local = local;
    return new AeroServices(local.addresses, { token, tls: services.tls });
  }
}
