import type { Db } from '../db/db.ts';
import { AuthErrors } from './auth.errors.ts';
import {
  addFailure,
  deleteThrottle,
  findBlockedUntil,
  holdUntil,
  isUsualAddress,
  rememberUsualAddress,
} from './login-limit.queries.ts';

// Login limiting (issue 16, defect 5). Failures are counted in the database, so the limit holds across
// every app process. A counter never blocks outright: after its free failures each further one holds
// sign-in back for a delay that doubles, up to the counter's cap; a sign-in tried while held back is
// refused with 429 and Retry-After, and is not counted (nor is the password checked).
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const FIRST_DELAY_SECONDS = 5;
// How long a counter remembers: an account's (with or without its address) a day, an address's alone
// (every account from it) a quarter of an hour.
const ACCOUNT_MEMORY_MS = DAY;
const ADDRESS_MEMORY_MS = 15 * MINUTE;

interface CounterRule {
  freeFailures: number;
  /** A count whose first failure is older than this starts again. */
  memoryMs: number;
  maxDelaySeconds: number;
}

export const LOGIN_LIMITS = {
  /** One account from the address its owner signs in from: a typo-prone owner waits minutes at most. */
  usualAddress: { freeFailures: 5, memoryMs: ACCOUNT_MEMORY_MS, maxDelaySeconds: 5 * 60 },
  /** One account from an address it never signed in from. */
  otherAddress: { freeFailures: 3, memoryMs: ACCOUNT_MEMORY_MS, maxDelaySeconds: 60 * 60 },
  /** One account from all the addresses it never signed in from together: guessing spread over many machines. */
  everyOtherAddress: { freeFailures: 20, memoryMs: ACCOUNT_MEMORY_MS, maxDelaySeconds: 60 * 60 },
  /** Every account from one address: a whole office behind one proxy mistypes, so the ceiling is high. */
  address: { freeFailures: 300, memoryMs: ADDRESS_MEMORY_MS, maxDelaySeconds: 15 * 60 },
  /** An address counts as usual while the account signed in from it within this time. */
  usualForMs: 90 * DAY,
} as const satisfies Record<string, CounterRule | number>;

/** How long a counter at `failures` holds sign-in back: nothing for the free failures, then doubling. */
export function loginDelaySeconds(rule: CounterRule, failures: number): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - rule.freeFailures - 1), rule.maxDelaySeconds);
}

/** Usernames are matched without case at sign-in, so the counters are too. */
const accountKey = (username: string) => username.toLowerCase();
/** '' in a counter's key stands for "every": every account, or every address not usual for the account. */
export const EVERY = '';

/** The counters one sign-in attempt is held back by and counted on. */
function countersFor(account: string, ip: string, usual: boolean) {
  return [
    { key: { account, ip }, rule: usual ? LOGIN_LIMITS.usualAddress : LOGIN_LIMITS.otherAddress },
    ...(usual ? [] : [{ key: { account, ip: EVERY }, rule: LOGIN_LIMITS.everyOtherAddress }]),
    { key: { account: EVERY, ip }, rule: LOGIN_LIMITS.address },
  ];
}

export interface LoginAttemptLimit {
  /** After the password was checked: count a failure, or clear the address's counter on success. */
  settle(succeeded: boolean): Promise<void>;
}

/** Refuses (429 with the seconds to wait) a sign-in held back now; else returns how to settle it. */
export async function checkLoginLimit(db: Db, username: string, ip: string, now: Date): Promise<LoginAttemptLimit> {
  const account = accountKey(username);
  const usual = await isUsualAddress(db, account, ip, new Date(now.getTime() - LOGIN_LIMITS.usualForMs));
  const counters = countersFor(account, ip, usual);
  const until = await findBlockedUntil(
    db,
    counters.map((c) => c.key),
    now,
  );
  if (until) throw AuthErrors.tooManyAttempts(Math.ceil((until.getTime() - now.getTime()) / 1000));
  return {
    async settle(succeeded) {
      // The delay runs from the answer, not from the start of the attempt (checking a password takes time).
      const at = new Date();
      if (succeeded) {
        await deleteThrottle(db, { account, ip });
        await rememberUsualAddress(db, account, ip, at);
        return;
      }
      for (const { key, rule } of counters) {
        const counter = await addFailure(db, key, at, new Date(at.getTime() - rule.memoryMs));
        const delay = loginDelaySeconds(rule, counter.failures);
        if (delay > 0) await holdUntil(db, counter.id, new Date(at.getTime() + delay * 1000));
      }
    },
  };
}

/** Since when failures still count, per kind of counter: what the administrators' list needs. */
export function loginCountersSince(now: Date) {
  return {
    account: new Date(now.getTime() - ACCOUNT_MEMORY_MS),
    address: new Date(now.getTime() - ADDRESS_MEMORY_MS),
  };
}
