import { EquivalenceMethod } from '@aero/contracts';
import type { EquivalenceMethod as DomainMethod } from '../domain/verdict';

const METHODS: Record<DomainMethod, EquivalenceMethod> = {
  exact: EquivalenceMethod.EQUIVALENCE_METHOD_EXACT,
  normalized: EquivalenceMethod.EQUIVALENCE_METHOD_NORMALIZED,
  symbolic: EquivalenceMethod.EQUIVALENCE_METHOD_SYMBOLIC,
  numeric: EquivalenceMethod.EQUIVALENCE_METHOD_NUMERIC,
  judge: EquivalenceMethod.EQUIVALENCE_METHOD_JUDGE,
  undecided: EquivalenceMethod.EQUIVALENCE_METHOD_UNDECIDED,
};

export function toEquivalenceMethod(method: DomainMethod): EquivalenceMethod {
  return METHODS[method];
}
