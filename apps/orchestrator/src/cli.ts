import { chatCommand } from './cli/chat-command';
import { compareCommand } from './cli/compare-command';
import { profileArgv } from './cli/profile-argv';
import { reportCommand } from './cli/report-command';
import { resumeCommand } from './cli/resume-command';
import { runCommand } from './cli/run-command';
import { statusCommand } from './cli/status-command';

const USAGE = `AERO command line (npm run aero -- <command>):
  run    [--name NAME] [--set KEY=VALUE ...]   run AERO end to end on config.yaml, then print the table and write the report
         [--dry-run]                           print the engine command lines, LLaMA-Factory files and dataset_info.json; start nothing
         [--smoke MODEL]                       the same path at its smallest: 1 round × 16 problems × 4 samples on MODEL
         [--from RUN:ROUND]                    start on the model round ROUND of run RUN trained (0: its initial model)
  status [RUN]                                 list the runs, or show one run's rounds
  resume RUN                                   continue a stopped or interrupted run from its last recorded step
  report RUN [--out FILE]                      write the run's self-contained HTML report
  chat RUN[:ROUND] QUESTION                    ask a checkpoint of a run (default: its last) on the solver prompt, print the reply
       [--temperature T] [--max-tokens N] [--n N]  sampling (default: greedy, the run's solver budget, 1 reply)
  compare RUN RUN... [--out FILE]              write one HTML page overlaying the runs' curves, with the settings that differ
Every command takes --config FILE (default: ./config.yaml) or --profile NAME (config.NAME.yaml, e.g. --profile production).
--set overrides run settings, e.g. --set aero.rounds=2.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  status: statusCommand,
  resume: resumeCommand,
  report: reportCommand,
  chat: chatCommand,
  compare: compareCommand,
};

async function main(argv: string[]): Promise<number> {
  const [command = 'run', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  return run(profileArgv(rest));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error & { details?: unknown }) => {
    // A gRPC error's message leads with its numeric code ("5 NOT_FOUND: ..."); a person needs only the details.
    console.error(`error: ${typeof error.details === 'string' && error.details ? error.details : error.message}`);
    process.exit(1);
  },
);
