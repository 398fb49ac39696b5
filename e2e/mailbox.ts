import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the journeys' SMTP server accepted, as kept in its folder (one JSON file per mail). */
export interface KeptMail {
  to: string[];
  subject: string;
  text: string;
}

/**
 * A real SMTP server on a free loopback port for the app the journeys drive: each mail it accepts is
 * written to `dir`, where any journey (another process) reads it with readMail().
 */
export async function startMailbox(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: KeptMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          };
          count++;
          writeFileSync(join(dir, `${String(count).padStart(6, '0')}.json`), JSON.stringify(mail));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
