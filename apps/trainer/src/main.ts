import { roleBudgets } from '@aero/config';
import { TrainerServiceService } from '@aero/contracts';
import { loadTemplates, rolePrompts } from '@aero/prompts';
import { defineService, exitOnStartupError, runService } from '@aero/service-kit';
import { engineCommand } from './adapters/engine-command';
import { RunStore } from './adapters/run-store';
import { StandbyTrainProcess } from './adapters/standby-train-process';
import { buildDatasetHandler } from './handlers/build-dataset-handler';
import { cancelJobHandler } from './handlers/cancel-job-handler';
import { getJobHandler } from './handlers/get-job-handler';
import { trainHandler } from './handlers/train-handler';
import { launcherSafePath } from './domain/launcher-safe-path';
import { standbyCommand } from './domain/training-plan';
import { TrainingJobs } from './use-cases/training-jobs';

runService({
  name: 'trainer',
  // BuildDataset carries the examples of whole rounds (half a MiB for 1024 questions), and all of a
  // run's rounds when the trainer has lost its copies.
  maxRequestBytes: 64 * 1024 * 1024,
  async build({ config, log }) {
    // Refused at start-up, not at the first job hours later: every job's config lies under runs_dir.
    if (config.training.backend === 'llamafactory') launcherSafePath(config.runs_dir, 'runs_dir');
    const store = new RunStore(config.runs_dir);
    const budgets = roleBudgets(config.aero.max_tokens, rolePrompts(loadTemplates(config.prompts.profile, config.prompts.dir)));
    const { training } = config;
    const standby =
      training.backend === 'embedded' && training.embedded.standby
        ? new StandbyTrainProcess(standbyCommand(engineCommand(), training), training.cancel_grace_s * 1000, log)
        : undefined;
    standby?.prepare();
    const jobs = new TrainingJobs({ store, config, engine: engineCommand(), budgets, log, standby });
    // A training job cannot drain in the kit's grace period (it runs for hours), and its process group
    // is detached: stop the jobs as soon as the service is asked to stop, so none outlives it.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void jobs.shutdown());
    return {
      services: [
        defineService(TrainerServiceService, {
          buildDataset: buildDatasetHandler(store, config.aero),
          train: trainHandler(jobs),
          getJob: getJobHandler(jobs),
          cancelJob: cancelJobHandler(jobs),
        }),
      ],
      close: () => jobs.shutdown(),
    };
  },
}).catch(exitOnStartupError);
