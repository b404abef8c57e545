import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { EngineBackend } from '@aero/contracts';
import { RpcError } from '@aero/service-kit';
import { isHubModelId } from '@aero/config';

const REMOTE_MODEL = /^[\w.:@/-]{1,256}$/;

/** Files without which an engine cannot load a folder: the embedded engine's checkpoint, a Hugging Face model's config. */
const REQUIRED_FILES: Partial<Record<EngineBackend, readonly string[]>> = {
  [EngineBackend.ENGINE_BACKEND_EMBEDDED]: ['config.json', 'model.safetensors'],
  [EngineBackend.ENGINE_BACKEND_VLLM]: ['config.json'],
};

/**
 * What ServeModel's checkpoint means for the backend, checked before anything is stopped: a local
 * model folder (embedded, vllm; vllm also takes a Hub id), or the name of a model the remote
 * endpoints serve (openai). Local paths come back absolute. A folder that is no checkpoint is
 * refused here, so a swap that could never succeed does not take the served model down.
 */
export function resolveTarget(backend: EngineBackend, checkpoint: string): string {
  if (backend === EngineBackend.ENGINE_BACKEND_OPENAI) {
    if (!REMOTE_MODEL.test(checkpoint)) throw RpcError.invalidArgument('checkpoint', 'not a model name an OpenAI-compatible server could serve');
    return checkpoint;
  }
  const local = path.resolve(checkpoint);
  if (isDirectory(local)) {
    const missing = (REQUIRED_FILES[backend] ?? []).filter((file) => !existsSync(path.join(local, file)));
    if (missing.length > 0) throw RpcError.failedPrecondition(`checkpoint ${local} is not a model folder (no ${missing.join(', no ')}); the served model is unchanged`);
    return local;
  }
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
