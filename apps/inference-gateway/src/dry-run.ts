import { parseArgs } from 'node:util';
import { loadConfig } from '@aero/config';
import { launchPlansOf } from './adapters/launch-plans-of';
import { describeServing } from './domain/describe-serving';

// `node --import tsx apps/inference-gateway/src/dry-run.ts [--config FILE]`: prints the engine
// processes the gateway would start on the configured model, and what its chat requests carry.
// Starts nothing (`aero run --dry-run` runs it).
try {
  const { values } = parseArgs({ options: { config: { type: 'string' } }, strict: true });
  const { engine } = loadConfig({ file: values.config });
  console.log(describeServing(engine, launchPlansOf(engine)(engine.model)));
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
