import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { loadUserActor } from '../auth/auth.queries.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/db.ts';
import { recordEvents } from '../events/events.ts';
import { SsoErrors } from './sso.errors.ts';
import {
  findUserBySubject,
  findUsersByEmail,
  insertOidcRequest,
  linkIdentity,
  takeOidcRequest,
  touchIdentity,
} from './sso.queries.ts';

export type OidcSettings = NonNullable<Config['oidc']>;
type Role = Awaited<ReturnType<typeof findUsersByEmail>>[number]['role'];

const REQUEST_MINUTES = 10;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

// The provider's metadata (endpoints, keys), fetched once per process: configuration, not sign-in state.
const discovered = new Map<string, Promise<client.Configuration>>();

function providerConfiguration(oidc: OidcSettings): Promise<client.Configuration> {
  const key = `${oidc.issuer} ${oidc.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const auth = oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None();
    found = client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, auth, {
      // Plain HTTP only to a provider on the loopback (config.ts refuses it elsewhere).
      ...(oidc.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
    });
    // A provider down at the first sign-in is asked again at the next one.
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/**
 * Starts a sign-in at the provider: a fresh state, nonce and PKCE verifier, kept in the database (any
 * app process may take the callback). Answers where to send the browser, and the state for its cookie.
 */
export async function startOidcSignIn(db: Db, oidc: OidcSettings | null): Promise<{ url: string; state: string }> {
  if (!oidc) throw SsoErrors.notConfigured();
  let configuration: client.Configuration;
  try {
    configuration = await providerConfiguration(oidc);
  } catch (error) {
    throw SsoErrors.failed({ step: 'discovery', error: String(error) });
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await insertOidcRequest(db, {
    stateHash: sha256(state),
    codeVerifier,
    nonce,
    expiresAt: new Date(Date.now() + REQUEST_MINUTES * 60 * 1000),
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUrl,
    scope: oidc.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, state };
}

/** What the provider says of the person, as matching needs it. */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

/**
 * The account the provider's person is: the one linked to their subject; else the one account whose
 * e-mail equals their verified e-mail (and the subject is linked to it from now on). Nobody else: no
 * account is ever created here, and an unverified e-mail matches nothing.
 */
export async function matchOidcAccount(db: Db, claims: OidcClaims): Promise<{ id: number; role: Role }> {
  const now = new Date();
  const linked = await findUserBySubject(db, claims.issuer, claims.subject);
  if (linked) {
    if (!linked.is_active) throw SsoErrors.accountUnknown();
    await touchIdentity(db, claims.issuer, claims.subject, now);
    return { id: linked.id, role: linked.role };
  }
  if (!claims.email || !claims.emailVerified) throw SsoErrors.accountUnknown();
  const byEmail = await findUsersByEmail(db, claims.issuer, claims.email);
  // Two accounts sharing an address: which one is meant cannot be told, so neither is signed in.
  const [only] = byEmail;
  if (byEmail.length !== 1 || !only) throw SsoErrors.accountUnknown();
  await db.transaction(async (tx) => {
    await linkIdentity(tx, claims.issuer, claims.subject, only.id);
    const owner = await loadUserActor(tx, only.id);
    if (owner) {
      await recordEvents(tx, owner, [
        {
          entityType: 'user',
          entityId: only.id,
          action: 'sso_identity_linked',
          after: { issuer: claims.issuer, subject: claims.subject },
        },
      ]);
    }
  });
  return only;
}

/**
 * Takes the provider's answer at the callback: the state must be the one this browser was sent with
 * (its cookie) and still waiting; the code is exchanged with the PKCE verifier, the ID token checked
 * (issuer, audience, nonce, signature) by openid-client. Answers the matched account.
 */
export async function finishOidcSignIn(
  db: Db,
  oidc: OidcSettings | null,
  input: { callbackUrl: URL; stateFromCookie: string | undefined },
): Promise<{ id: number; role: Role }> {
  if (!oidc) throw SsoErrors.notConfigured();
  const state = input.stateFromCookie;
  if (!state || input.callbackUrl.searchParams.get('state') !== state) throw SsoErrors.failed({ step: 'state' });
  const request = await takeOidcRequest(db, sha256(state), new Date());
  if (!request) throw SsoErrors.failed({ step: 'state expired' });
  let claims: OidcClaims;
  try {
    const configuration = await providerConfiguration(oidc);
    const tokens = await client.authorizationCodeGrant(configuration, input.callbackUrl, {
      pkceCodeVerifier: request.code_verifier,
      expectedState: state,
      expectedNonce: request.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    let email = idToken.email;
    let verified = idToken.email_verified;
    // Many providers put the e-mail in the userinfo answer only.
    if (email === undefined) {
      const info = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      email = info.email;
      verified = info.email_verified;
    }
    claims = {
      issuer: idToken.iss,
      subject: idToken.sub,
      email: typeof email === 'string' ? email : null,
      emailVerified: verified === true,
    };
  } catch (error) {
    throw SsoErrors.failed({ step: 'token', error: String(error) });
  }
  return matchOidcAccount(db, claims);
}
