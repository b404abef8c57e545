import type { FieldViolation } from '@aero/service-kit';

// What a run may change about itself: the algorithm, its evaluation, the KTO hyperparameters (all
// sent along with each request) and the initial model. Everything else configures the services
// themselves (engines, prompts, addresses, auth) and is shared by every run.
const RUN_LEVEL = [/^aero\./, /^evaluation\./, /^training\.kto\./, /^engine\.model$/];

/** Config overrides of StartRun that a run cannot apply, each named by its field. */
export function runOverrideViolations(overrides: Record<string, string>): FieldViolation[] {
  return Object.keys(overrides)
    .filter((key) => !RUN_LEVEL.some((allowed) => allowed.test(key)))
    .map((key) => ({
      field: `config_overrides.${key}`,
      description: 'not a run setting (allowed: aero.*, evaluation.*, training.kto.*, engine.model)',
    }));
}
