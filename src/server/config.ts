// Environment parsed once at start; nothing else reads process.env. All problems are reported together.
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-ip.ts';

const configSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  // Reverse proxies whose X-Forwarded-For is believed: IPs, CIDR ranges or `loopback`; empty trusts none.
  TRUST_PROXY: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  // Bearer token for GET /metrics; without it /metrics answers only direct requests from this machine.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Start even though PostgreSQL has fsync or synchronous_commit off (test installs only).
  ALLOW_UNSAFE_DURABILITY: z.enum(['true', 'false']).default('false'),
  // Seals TOTP and SSO secrets at rest; without it a key is made in DATA_DIR/secret.key. Every app node
  // of a scaled-out install must share one.
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  // The origin people reach Accord at (https://accord.example.com), for URLs sent elsewhere such as single
  // sign-on's redirect URI. Without it they are built from each request's Host header and scheme.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s):// URL such as https://accord.example.com' })
    .refine(
      (value) => !URL.canParse(value) || new URL(value).pathname === '/',
      'must be an origin, without a path',
    )
    .optional(),
  // Accord's own SMTP listener for inbound mail (mailboxes of kind 'smtp'); off unless a port is given.
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  // PEM files to offer STARTTLS with on the listener; both or neither.
  INBOUND_SMTP_TLS_KEY_FILE: z.string().min(1).optional(),
  INBOUND_SMTP_TLS_CERT_FILE: z.string().min(1).optional(),
  // Unauthenticated /api requests per minute per client IP (also the burst); 0 turns the limit off.
  ANONYMOUS_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(300),
});

export type Config = z.infer<typeof configSchema>;

const checkedSchema = configSchema.superRefine((config, ctx) => {
  if (!config.INBOUND_SMTP_TLS_KEY_FILE !== !config.INBOUND_SMTP_TLS_CERT_FILE) {
    ctx.addIssue({
      code: 'custom',
      path: [config.INBOUND_SMTP_TLS_KEY_FILE ? 'INBOUND_SMTP_TLS_CERT_FILE' : 'INBOUND_SMTP_TLS_KEY_FILE'],
      message: 'give both the key and the certificate file, or neither',
    });
  }
});

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = checkedSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
