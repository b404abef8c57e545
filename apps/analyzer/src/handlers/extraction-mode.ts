import { z } from 'zod';
import { ExtractionMode as WireMode } from '@aero/contracts';
import type { ExtractionMode } from '@aero/answer';

const MODES: Partial<Record<WireMode, ExtractionMode>> = {
  [WireMode.EXTRACTION_MODE_STRICT]: 'strict',
  [WireMode.EXTRACTION_MODE_LENIENT]: 'lenient',
};

/** A request's ExtractionMode field: unset or a known value; unset and unspecified leave the choice to the service. */
export const extractionModeField = z
  .number()
  .refine((m) => m === WireMode.EXTRACTION_MODE_UNSPECIFIED || MODES[m as WireMode] !== undefined, {
    message: 'must be EXTRACTION_MODE_UNSPECIFIED, EXTRACTION_MODE_STRICT or EXTRACTION_MODE_LENIENT',
  })
  .optional();

/** The mode a request asks for, or the service's default when it leaves it unset or unspecified. */
export function toExtractionMode(wire: number | undefined, fallback: ExtractionMode): ExtractionMode {
  return (wire === undefined ? undefined : MODES[wire as WireMode]) ?? fallback;
}
