import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AeroConfig } from '@aero/config';
import { EngineBackend } from '@aero/contracts';
import type { Logger } from '@aero/service-kit';
import { embeddedLaunchPlans } from '../domain/embedded-launch-plans';
import type { LaunchPlan } from '../domain/launch-plan';
import { vllmLaunchPlans } from '../domain/vllm-launch-plans';
import { EngineClient } from './engine-client';
import { EngineFleet } from './engine-fleet';
import type { InstanceDeps } from './engine-instance';
import { ManagedInstance } from './managed-instance';
import { RemoteInstance } from './remote-instance';

/** The embedded engine's CLI; the gateway runs it as a process and never imports its code. */
const ENGINE_MAIN = path.resolve(__dirname, '../../../engine/src/main.ts');

const BACKENDS = {
  embedded: EngineBackend.ENGINE_BACKEND_EMBEDDED,
  vllm: EngineBackend.ENGINE_BACKEND_VLLM,
  openai: EngineBackend.ENGINE_BACKEND_OPENAI,
} as const;

/** The fleet of engine instances config.engine describes. */
export function buildFleet(config: AeroConfig, log: Logger): EngineFleet {
  const engine = config.engine;
  const backend = engine.backend;
  const apiKey = backend === 'openai' ? process.env[engine.openai.api_key_env] || 'EMPTY' : 'EMPTY';
  const clientFor = (baseUrl: string) =>
    new EngineClient({
      baseUrl,
      apiKey,
      requestTimeoutMs: engine.request_timeout_s * 1000,
      chatTemplateKwargs: engine.chat_template_kwargs,
    });
  const common = { clientFor, probeIntervalMs: engine.probe_interval_s * 1000, log };
  const plans = (checkpoint: string): LaunchPlan[] =>
    backend === 'vllm'
      ? vllmLaunchPlans(checkpoint, {
          executable: engine.vllm.executable,
          servedModelName: engine.served_model_name,
          maxModelLen: engine.max_model_len,
          gpuGroups: engine.vllm.gpu_groups,
          portBase: engine.vllm.port_base,
          gpuMemoryUtilization: engine.vllm.gpu_memory_utilization,
          tensorParallelSize: engine.vllm.tensor_parallel_size,
          dataParallelSize: engine.vllm.data_parallel_size,
          seed: engine.vllm.seed,
          extraArgs: engine.vllm.extra_args,
        })
      : embeddedLaunchPlans(checkpoint, {
          node: process.execPath,
          tsxImport: pathToFileURL(require.resolve('tsx')).href,
          engineMain: ENGINE_MAIN,
          servedModelName: engine.served_model_name,
          maxModelLen: engine.max_model_len,
          instances: engine.embedded.instances,
          seed: engine.embedded.seed,
        });

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
