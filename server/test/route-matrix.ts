import { describe, expect, it } from 'vitest';
import type { Client } from './app.ts';

export type Attempt = (client: Client) => Promise<{ statusCode: number; body: string }>;

/**
 * Every write route × every role: each role's attempt answers the expected status (401 not signed in,
 * 404 cannot see it, 403 can see it but may not do it, 2xx allowed). Each attempt makes its own data.
 */
export function describeRoutesByRole<Role extends string>(
  roles: readonly Role[],
  as: (role: Role) => Client,
  cases: Record<string, { expected: Record<Role, number>; attempt: Attempt }>,
): void {
  for (const [route, { expected, attempt }] of Object.entries(cases)) {
    describe(route, () => {
      for (const role of roles) {
        it(`${role} → ${expected[role]}`, async () => {
          const res = await attempt(as(role));
          expect(res.statusCode, res.body).toBe(expected[role]);
        });
      }
    });
  }
}
