import type { AeroConfig } from '@aero/config';
import { hostFacts } from '../adapters/host-facts';
import { preflightProblems } from '../domain/preflight-problems';
import { serviceMode } from '../domain/service-mode';

/**
 * What keeps this host from carrying a local-mode run of `config`: vllm or llamafactory-cli missing,
 * or fewer GPUs than the settings name. In remote mode the engines run elsewhere: nothing to check.
 */
export async function preflight(config: AeroConfig): Promise<string[]> {
  return serviceMode(config) === 'local' ? preflightProblems(config, await hostFacts()) : [];
}

/** Refuses, in one line and before any run or service exists, what `preflight` finds. */
export async function requirePreflight(config: AeroConfig): Promise<void> {
  const problems = await preflight(config);
  if (problems.length > 0) throw new Error(`this host cannot run this config: ${problems.join('; ')}`);
}
