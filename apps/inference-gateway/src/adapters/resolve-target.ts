import { statSync } from 'node:fs';
import * as path from 'node:path';
import { EngineBackend } from '@aero/contracts';
import { RpcError } from '@aero/service-kit';
import { isHubModelId } from '@aero/config';

const REMOTE_MODEL = /^[\w.:@/-]{1,256}$/;

/**
 * What ServeModel's checkpoint means for the backend, checked before anything is stopped: a local
 * model folder (embedded, vllm; vllm also takes a Hub id), or the name of a model the remote
 * endpoints serve (openai). Local paths come back absolute.
 */
export function resolveTarget(backend: EngineBackend, checkpoint: string): string {
  if (backend === EngineBackend.ENGINE_BACKEND_OPENAI) {
    if (!REMOTE_MODEL.test(checkpoint)) throw RpcError.invalidArgument('checkpoint', 'not a model name an OpenAI-compatible server could serve');
    return checkpoint;
  }
  const local = path.resolve(checkpoint);
  if (isDirectory(local)) return local;
  if (backend === EngineBackend.ENGINE_BACKEND_VLLM && isHubModelId(checkpoint)) return checkpoint;
  throw RpcError.notFound(`checkpoint folder not found: ${local}`);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
