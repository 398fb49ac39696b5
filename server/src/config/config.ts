import { resolve } from 'node:path';
import type { Role } from '@giamsat/shared';
import { z } from 'zod';

// The one place that reads process.env. Defaults make a fresh clone run: PGlite in ./data, local files.
const EnvSchema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    // A PostgreSQL streaming replica of DATABASE_URL: public pages, open data and dashboards read there.
    READ_DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default('./data'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    STORAGE: z.enum(['local', 's3']).default('local'),
    STORAGE_DIR: z.string().optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    // Secure cookies need HTTPS; behind a TLS-terminating proxy set TRUST_PROXY=true.
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    TRUST_PROXY: z.enum(['true', 'false']).default('false'),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).default(12),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(25),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_DATA: z.enum(['true', 'false']).default('true'),
    // 'large' (≈12,000 tasks) for the web benchmark's long lists; 'demo' (≈1,800) otherwise.
    DEMO_SCALE: z.enum(['demo', 'large']).default('demo'),
    WORKERS: z.enum(['true', 'false']).default('true'),
    // Where people open the app: the links in e-mails. Unset → http://localhost:$PORT.
    APP_URL: z.string().url().optional(),
    // Outgoing e-mail: SMTP_URL (smtp[s]://user:pass@host:port), or host/port/user/pass; unset → mails stay
    // in the outbox, unsent.
    SMTP_URL: z.string().url().optional(),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: z.enum(['true', 'false']).default('false'),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    MAIL_FROM: z.string().default('giamsat <no-reply@giamsat.local>'),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    // Reminders: days before a deadline that the lead body is reminded ("7,1"), and days past it after
    // which the body's head and the assigning office are told.
    REMINDER_DAYS_BEFORE: z
      .string()
      .default('7,1')
      .refine((v) => /^\s*\d+(\s*,\s*\d+)*\s*$/.test(v), 'a list of day counts, such as 7,1'),
    ESCALATE_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(1),
    /** While a task is overdue, its lead body is reminded again every this many days (0: never). */
    REMIND_OVERDUE_EVERY_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    /** A task with no accepted report for this many days: its lead body is reminded (0: never). */
    REMIND_STALE_AFTER_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    /** A report waiting this many days for review: the reviewing office is reminded (0: never). */
    REMIND_REVIEW_AFTER_DAYS: z.coerce.number().int().min(0).max(365).default(3),
    // Single sign-on (OpenID Connect, authorization code with PKCE). Unset issuer → no SSO button.
    OIDC_ISSUER_URL: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    // Unset → a public client (PKCE alone, no client secret at the token endpoint).
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // Where the provider sends the browser back. Unset → $APP_URL/api/auth/oidc/callback.
    OIDC_REDIRECT_URL: z.string().url().optional(),
    OIDC_SCOPES: z.string().default('openid email profile'),
    // Second factor: the roles that must use one (asked to enrol at their next sign-in), comma separated.
    SECOND_FACTOR_REQUIRED_ROLES: z
      .string()
      .default('admin,office')
      .refine(
        (v) => v.split(',').every((r) => ['', 'admin', 'office', 'focal', 'head', 'inspector'].includes(r.trim())),
        'roles among admin, office, focal, head, inspector, such as admin,office',
      ),
    // 32 random bytes in base64 (`openssl rand -base64 32`): encrypts the stored TOTP secrets. Unset →
    // the secrets are stored unencrypted (a warning is logged at start).
    SECOND_FACTOR_KEY: z
      .string()
      .optional()
      .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, '32 bytes in base64'),
  })
  .superRefine((env, ctx) => {
    if (env.OIDC_ISSUER_URL && !env.OIDC_CLIENT_ID) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'required when OIDC_ISSUER_URL is set' });
    }
    // Plain HTTP to the provider only on the loopback (a provider started by a test or a developer).
    if (env.OIDC_ISSUER_URL?.startsWith('http:') && !isLoopback(env.OIDC_ISSUER_URL)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'https, except on the loopback' });
    }
    if (env.READ_DATABASE_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['READ_DATABASE_URL'],
        message: 'a replica needs its primary in DATABASE_URL',
      });
    }
    if (env.STORAGE === 's3') {
      for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `required when STORAGE=s3` });
      }
    }
  });

export type Config = ReturnType<typeof loadConfig>;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** How to reach the SMTP server: a URL, or host and port (with a login when given); null when not configured. */
export type SmtpSettings =
  | string
  | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } }
  | null;

function smtpOf(e: z.infer<typeof EnvSchema>): SmtpSettings {
  if (e.SMTP_URL) return e.SMTP_URL;
  if (!e.SMTP_HOST) return null;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE === 'true',
    ...(e.SMTP_USER ? { auth: { user: e.SMTP_USER, pass: e.SMTP_PASS ?? '' } } : {}),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    readDatabaseUrl: e.READ_DATABASE_URL,
    dataDir,
    pgliteDir: resolve(dataDir, 'pglite'),
    host: e.HOST,
    port: e.PORT,
    dbPoolSize: e.DB_POOL_SIZE,
    storage:
      e.STORAGE === 's3'
        ? {
            kind: 's3' as const,
            endpoint: e.S3_ENDPOINT ?? '',
            bucket: e.S3_BUCKET ?? '',
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
          }
        : { kind: 'local' as const, dir: resolve(e.STORAGE_DIR ?? resolve(dataDir, 'files')) },
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'true',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA === 'true',
    demoScale: e.DEMO_SCALE,
    workers: e.WORKERS === 'true',
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mail: {
      smtp: smtpOf(e),
      from: e.MAIL_FROM,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
    },
    oidc:
      e.OIDC_ISSUER_URL && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER_URL,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET ?? null,
            redirectUrl:
              e.OIDC_REDIRECT_URL ??
              `${(e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '')}/api/auth/oidc/callback`,
            scopes: e.OIDC_SCOPES,
            allowHttp: isLoopback(e.OIDC_ISSUER_URL),
          }
        : null,
    secondFactor: {
      requiredRoles: e.SECOND_FACTOR_REQUIRED_ROLES.split(',')
        .map((r) => r.trim())
        .filter(Boolean) as Role[],
      key: e.SECOND_FACTOR_KEY ? Buffer.from(e.SECOND_FACTOR_KEY, 'base64') : null,
    },
    reminders: {
      daysBefore: [...new Set(e.REMINDER_DAYS_BEFORE.split(',').map((d) => Number(d.trim())))],
      escalateAfterDays: e.ESCALATE_AFTER_DAYS,
      repeatOverdueEveryDays: e.REMIND_OVERDUE_EVERY_DAYS || null,
      staleAfterDays: e.REMIND_STALE_AFTER_DAYS || null,
      reviewAfterDays: e.REMIND_REVIEW_AFTER_DAYS || null,
    },
  };
}
