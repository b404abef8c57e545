import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AnalyzerServiceClient,
  InferenceGatewayServiceClient,
  SynthServiceClient,
  VerifierServiceClient,
} from '@aero/contracts';
import { connect } from '@aero/service-kit';
import { startServiceProcess, type ServiceProcess } from '@aero/testing';

export interface InnerLoop {
  gateway: InferenceGatewayServiceClient;
  analyzer: AnalyzerServiceClient;
  synth: SynthServiceClient;
  verifier: VerifierServiceClient;
  processes: Record<'gateway' | 'analyzer' | 'synth' | 'verifier', ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The inner loop as real processes on free ports: inference gateway (which starts or reaches the
 * engines), analyzer, synth and verifier, each pointed at the others through services.*.address.
 * `env` holds config overrides for all four (AERO__...); the run store goes to a temp folder.
 */
export async function startInnerLoop(env: Record<string, string>): Promise<InnerLoop> {
  const runsDir = mkdtempSync(path.join(os.tmpdir(), 'aero-inner-loop-'));
  const common = {
    AERO__RUNS_DIR: runsDir,
    AERO__SERVICES__METRICS_PORT: '-1',
    ...env,
  };
  const started: ServiceProcess[] = [];
  const start = async (entry: string, extra: Record<string, string> = {}, timeoutMs = 60_000) => {
    const p = await startServiceProcess(entry, ['--port', '0'], { env: { ...common, ...extra }, timeoutMs });
    started.push(p);
    return p;
  };
  try {
    const [gateway, analyzer] = await Promise.all([
      start('apps/inference-gateway/src/main.ts', {}, 180_000),
      start('apps/analyzer/src/main.ts'),
    ]);
    const synth = await start('apps/synth/src/main.ts', {
      AERO__SERVICES__INFERENCE_GATEWAY__ADDRESS: gateway.address,
      AERO__SERVICES__ANALYZER__ADDRESS: analyzer.address,
    });
    const verifier = await start('apps/verifier/src/main.ts', {
      AERO__SERVICES__SYNTH__ADDRESS: synth.address,
      AERO__SERVICES__ANALYZER__ADDRESS: analyzer.address,
    });
    const clients = {
      gateway: connect(InferenceGatewayServiceClient, gateway.address),
      analyzer: connect(AnalyzerServiceClient, analyzer.address),
      synth: connect(SynthServiceClient, synth.address),
      verifier: connect(VerifierServiceClient, verifier.address),
    };
    return {
      ...clients,
      processes: { gateway, analyzer, synth, verifier },
      stop: async () => {
        Object.values(clients).forEach((c) => c.close());
        // The gateway stops its engines on SIGTERM: give it the time to do so before SIGKILL.
        await Promise.all(started.map((p) => p.stop(p === gateway ? 30_000 : 5_000)));
        rmSync(runsDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(started.map((p) => p.stop(30_000)));
    rmSync(runsDir, { recursive: true, force: true });
    throw error;
  }
}
