/**
 * What `aero run --smoke MODEL` changes, as environment overrides, so that this command, the local
 * orchestrator and every service it starts see them alike: MODEL, 1 round of 16 questions with
 * n = 4 samples, 16 problems per benchmark. Everything else (engines, training, prompts, sampling)
 * stays as the profile says: it is the profile's path, small.
 */
export function smokeOverrides(model: string): Record<string, string> {
  return {
    AERO__ENGINE__MODEL: model,
    AERO__AERO__ROUNDS: '1',
    AERO__AERO__QUESTIONS_PER_ROUND: '16',
    AERO__AERO__SAMPLING_N: '4',
    AERO__EVALUATION__LIMIT: '16',
  };
}
