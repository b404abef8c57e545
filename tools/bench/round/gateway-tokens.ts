import { scrapeMetric } from '@aero/testing';

/** Completion tokens the gateway has answered so far, per role (its aero_gateway_tokens_total counter). */
export interface RoleTokens {
  generator: number;
  solver: number;
  refiner: number;
}

export async function completionTokens(metricsPort: number): Promise<RoleTokens> {
  const of = (role: string) => scrapeMetric(metricsPort, 'aero_gateway_tokens_total', `role="${role}",kind="completion"`);
  const [generator, solver, refiner] = await Promise.all([of('generator'), of('solver'), of('refiner')]);
  return { generator, solver, refiner };
}
