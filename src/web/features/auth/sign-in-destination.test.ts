import { describe, expect, test } from 'vitest';
import { signInDestination } from './mfa-api.ts';
import type { SessionData } from './session.ts';

type Role = NonNullable<SessionData['membership']>['role'];

const session = (role: Role | null): SessionData => ({
  identity: { id: '00000000-0000-4000-8000-000000000001', name: 'Ana Ruiz', email: 'ana@example.test' },
  method: 'password',
  mfaPending: null,
  membership:
    role === null
      ? null
      : {
          id: '00000000-0000-4000-8000-000000000002',
          tenantId: '00000000-0000-4000-8000-000000000003',
          tenantName: 'Northwind IT',
          role,
          allClients: false,
          clientIds: [],
          permissions: [],
        },
  memberships: [],
  csrfToken: 'token',
});

describe('signInDestination', () => {
  test('a client’s person lands in the client portal, wherever they were going outside it', () => {
    for (const role of ['client_admin', 'client_user'] as const) {
      expect(signInDestination(session(role))).toBe('/portal');
      expect(signInDestination(session(role), '/clients')).toBe('/portal');
      expect(signInDestination(session(role), '/vendor/requests')).toBe('/portal');
      expect(signInDestination(session(role), '/portal/tickets?state=closed')).toBe(
        '/portal/tickets?state=closed',
      );
    }
  });

  test('a vendor’s person lands in the vendor portal, staff where they were going', () => {
    expect(signInDestination(session('vendor'), '/portal')).toBe('/vendor');
    expect(signInDestination(session('technician'), '/tickets')).toBe('/tickets');
    expect(signInDestination(session(null))).toBe('/select-organization');
  });
});
