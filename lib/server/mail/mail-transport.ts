import 'server-only';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { appConfig } from '@/lib/server/config/app-config';
import { writeDevOutbox } from './write-dev-outbox';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  kind: 'smtp' | 'dev-outbox';
  send(mail: OutgoingMail, sentAt: Date): Promise<void>;
}

// Bounded well inside the outbox lease (deliver-due-mail.ts), so a hung server cannot hold a
// message past its lease and let another instance send it a second time.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** SMTP to SMTP_URL when it is set; otherwise the dev outbox folder. Read per use: tests change it. */
export function mailTransport(): MailTransport {
  const { smtpUrl } = appConfig();
  if (!smtpUrl) return { kind: 'dev-outbox', send: (mail, sentAt) => writeDevOutbox(mail, sentAt) };
  const transporter = nodemailer.createTransport(smtpOptionsFrom(smtpUrl));
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(mail);
    },
  };
}

/**
 * `smtp://user:pass@host:port?requireTLS=true` (smtps:// for TLS from the start). Nodemailer drops
 * other options when given a URL, so the URL is read here and the timeouts added.
 */
function smtpOptionsFrom(smtpUrl: string): SMTPTransport.Options {
  const url = new URL(smtpUrl);
  const options: SMTPTransport.Options & Record<string, unknown> = {
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    ...SMTP_TIMEOUTS,
  };
  if (url.username) options.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  for (const [name, value] of url.searchParams) {
    options[name] = value === 'true' ? true : value === 'false' ? false : Number.isNaN(Number(value)) ? value : Number(value);
  }
  return options;
}
