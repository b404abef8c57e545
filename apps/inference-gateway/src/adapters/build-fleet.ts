import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { CHAT_TEMPLATES, type AeroConfig } from '@aero/config';
import { EngineBackend } from '@aero/contracts';
import type { Logger } from '@aero/service-kit';
import { EngineClient } from './engine-client';
import { EngineFleet } from './engine-fleet';
import type { InstanceDeps } from './engine-instance';
import { launchPlansOf } from './launch-plans-of';
import { ManagedInstance } from './managed-instance';
import { RemoteInstance } from './remote-instance';

const BACKENDS = {
  embedded: EngineBackend.ENGINE_BACKEND_EMBEDDED,
  vllm: EngineBackend.ENGINE_BACKEND_VLLM,
  openai: EngineBackend.ENGINE_BACKEND_OPENAI,
} as const;

/** The fleet of engine instances config.engine describes. */
export function buildFleet(config: AeroConfig, log: Logger): EngineFleet {
  const engine = config.engine;
  const backend = engine.backend;
  // With gRPC auth on, the engines' HTTP APIs want a key too, or anyone on the host could use them
  // around the gateway. A random one per gateway: it starts (and restarts) every engine itself.
  const engineKey = backend !== 'openai' && config.services.auth.enabled ? randomBytes(32).toString('base64url') : undefined;
  const apiKey = backend === 'openai' ? process.env[engine.openai.api_key_env] || 'EMPTY' : (engineKey ?? 'EMPTY');
  const template = CHAT_TEMPLATES[engine.chat_template.name];
  const clientFor = (baseUrl: string) =>
    new EngineClient({
      baseUrl,
      apiKey,
      requestTimeoutMs: engine.request_timeout_s * 1000,
      chatTemplateKwargs: template.thinkingSwitch ? { enable_thinking: engine.chat_template.enable_thinking } : undefined,
    });
  const common = { clientFor, stopTokens: template.stopTokens, probeIntervalMs: engine.probe_interval_s * 1000, log };
  const plans = launchPlansOf(engine, engineKey);

  const instances = (fleetDeps: Pick<InstanceDeps, 'servedModelName' | 'onChange'>) => {
    const deps = { ...common, ...fleetDeps };
    if (backend === 'openai') return engine.openai.base_urls.map((url, i) => new RemoteInstance(`openai-${i}`, url, deps));
    return plans(engine.model).map(
      (plan, i) =>
        new ManagedInstance(plan.id, plan.gpus, {
          ...deps,
          plan: (checkpoint) => plans(checkpoint)[i],
          logDir: path.resolve(config.runs_dir, engine.log_dir || 'engine-logs'),
          stopGraceMs: engine.stop_grace_s * 1000,
          readyTimeoutMs: engine.ready_timeout_s * 1000,
        }),
    );
  };

  return new EngineFleet({
    backend: BACKENDS[backend],
    target: backend === 'openai' ? engine.served_model_name : engine.model,
    servedModelName: engine.served_model_name,
    maxModelLen: engine.max_model_len,
    instances,
  });
}
