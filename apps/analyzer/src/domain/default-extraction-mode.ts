import type { ExtractionMode } from '@aero/answer';

/**
 * The extraction rule that fits a prompt profile: the embedded model is trained to box every
 * answer (strict: the last box), production chat models also answer in prose (lenient).
 */
export function defaultExtractionMode(profile: 'embedded' | 'production'): ExtractionMode {
  return profile === 'production' ? 'lenient' : 'strict';
}
