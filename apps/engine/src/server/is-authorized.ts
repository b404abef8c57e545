import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Whether an Authorization header carries `Bearer <apiKey>`, as vLLM's --api-key checks it. The
 * digests are compared in constant time, so the answer's timing tells nothing about the key.
 */
export function isAuthorized(header: string | undefined, apiKey: string): boolean {
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${apiKey}`));
}
