import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the test SMTP server accepted, as a mail reader would show it. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>: SMTP_URL for the app under test. */
  url: string;
  received: ReceivedMail[];
  /** How many times each recipient was offered a mail (accepted or refused). */
  offered: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a random local port that keeps what it accepts. `refuse(address, offer)` (offer
 * counts from 1 per recipient) makes it answer 550 to that recipient, as a server refusing a mail does.
 */
export async function startTestSmtp(
  options: {
    refuse?: (address: string, offer: number) => boolean;
    /** Called with each mail as it is accepted (the journeys write it where another process reads it). */
    onMail?: (mail: ReceivedMail) => void;
  } = {},
): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const offered = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no STARTTLS, so the client does not meet the library's self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const offer = (offered.get(to) ?? 0) + 1;
      offered.set(to, offer);
      if (options.refuse?.(to, offer)) {
        callback(Object.assign(new Error(`Người nhận ${to} bị từ chối`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            parsed,
          };
          received.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    offered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
