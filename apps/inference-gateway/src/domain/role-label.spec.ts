import { Role } from '@aero/contracts';
import { roleLabel } from './role-label';

describe('roleLabel', () => {
  it('turns roles into short labels', () => {
    expect(roleLabel(Role.ROLE_SOLVER)).toBe('solver');
    expect(roleLabel(Role.ROLE_UNSPECIFIED)).toBe('unspecified');
  });
});
