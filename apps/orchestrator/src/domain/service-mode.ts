import type { AeroConfig } from '@aero/config';

const DRIVEN = ['inference_gateway', 'synth', 'analyzer', 'verifier', 'trainer'] as const;

/**
 * Local mode when no service address is configured (the orchestrator starts all five), remote mode
 * when all five are. A mix is refused: half a deployment is almost always a config mistake.
 */
export function serviceMode(config: AeroConfig): 'local' | 'remote' {
  const set = DRIVEN.filter((name) => config.services[name].address !== '');
  if (set.length === 0) return 'local';
  if (set.length === DRIVEN.length) return 'remote';
  const missing = DRIVEN.filter((name) => !set.includes(name)).map((n) => `services.${n}.address`);
  throw new Error(`remote mode needs every service address, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty (leave all five empty for local mode)`);
}
