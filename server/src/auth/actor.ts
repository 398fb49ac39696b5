import type { Role } from '@giamsat/shared';
import { CommonErrors } from '../errors/app-error.ts';

/** A signed-in user, with what permission checks need (loaded once per request from the session). */
export interface UserActor {
  kind: 'user';
  userId: number;
  role: Role;
  agencyId: number;
  /** ltree path of the user's body: "its subtree" is `path <@ agencyPath`. */
  agencyPath: string;
  /** A standing office's scope: null is the whole nation. Other roles: null. */
  scopeAgencyId: number | null;
  scopePath: string | null;
}

/** Nobody signed in: reads only published data. */
export interface PublicActor {
  kind: 'public';
}

/** The demo-data generator, migrations and background jobs acting on their own. */
export interface SystemActor {
  kind: 'system';
}

export type Actor = UserActor | PublicActor | SystemActor;

export const PUBLIC: PublicActor = { kind: 'public' };
export const SYSTEM: SystemActor = { kind: 'system' };

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw CommonErrors.unauthenticated();
  return actor;
}

/** The user, if their role is one of `roles`; the system actor passes too. */
export function requireRole(actor: Actor, roles: readonly Role[], action: string): UserActor | SystemActor {
  if (actor.kind === 'system') return actor;
  const user = requireUser(actor);
  if (!roles.includes(user.role)) throw CommonErrors.forbidden(action);
  return user;
}

/** Id of the acting user for history rows (null for the system). */
export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null;
}
