import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSmtp } from '../server/test/smtp.ts';

/** A mail the journeys' SMTP server accepted, as kept in its folder (one JSON file per mail). */
export interface KeptMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on a free loopback port for the app the journeys drive (the server tests' own,
 * server/test/smtp.ts): each mail it accepts is written to `dir`, where any journey (another process)
 * reads it with mailsTo() or waitForMail().
 */
export async function startMailbox(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  let count = 0;
  const smtp = await startTestSmtp({
    onMail: ({ to, subject, text }) => {
      count++;
      const kept: KeptMail = { to, subject, text };
      writeFileSync(join(dir, `${String(count).padStart(6, '0')}.json`), JSON.stringify(kept));
    },
  });
  return { url: smtp.url, close: smtp.close };
}

/** The mails kept for `address` so far, oldest first. */
export function mailsTo(dir: string, address: string): KeptMail[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as KeptMail)
    .filter((mail) => mail.to.includes(address.toLowerCase()));
}

/** Waits for the first mail to `address` (the app's worker sends it within a few seconds). */
export async function waitForMail(dir: string, address: string, timeoutMs = 60_000): Promise<KeptMail> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const mail = mailsTo(dir, address)[0];
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail to ${address} within ${timeoutMs / 1000}s`);
}
