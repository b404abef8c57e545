import { exitOnStartupError, runService } from '@aero/service-kit';
import { configFileOf } from './adapters/config-file-of';
import { gitCommitOf } from './adapters/git-commit-of';
import { RunStore } from './adapters/run-store';
import { ServiceConnector } from './adapters/service-connector';
import { startRunMetrics } from './adapters/start-run-metrics';
import { StoreLock } from './adapters/store-lock';
import { RunManager } from './application/run-manager';
import { orchestratorService } from './handlers/orchestrator-service';

runService({
  name: 'orchestrator',
  async build({ config, log }) {
    const configFile = configFileOf(process.argv.slice(2));
    const connector = new ServiceConnector(config, configFile, log);
    const metrics = await startRunMetrics(config, process.argv.slice(2), log);
    const runs = new RunManager({
      store: metrics?.store ?? new RunStore(config.runs_dir),
      lock: new StoreLock(config.runs_dir),
      services: () => connector.services(),
      configFile,
      metrics: metrics?.served,
      log,
      code: await gitCommitOf(__dirname),
    });
    runs.recover(config.orchestrator.resume_interrupted);
    return {
      services: [orchestratorService(runs)],
      close: async () => {
        await runs.close();
        await connector.close();
        await metrics?.close();
      },
    };
  },
}).catch(exitOnStartupError);
