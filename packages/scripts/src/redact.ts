/** Keeps secrets (webhook URLs, passwords, tokens) out of the journal, the output and captured state. */

const SECRET_KEY =
  /(secret|passw|token|webhook|authori[sz]ation|api[-_]?key|cookie|credential|private[-_]?key|dsn)/i;
const SECRET_VALUE = [
  /https:\/\/hooks\.slack\.com\/\S+/g,
  /\b(postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqp):\/\/[^\s:@/]+:[^\s@/]+@/g,
  /\bBearer\s+[A-Za-z0-9._~+/-]+=*/g,
];

export const REDACTED = '[redacted]';

// Wider than SECRET_KEY: applied to env variable and flag names only, where `key` or a `_SK` segment means one.
const SECRET_NAME =
  /(secret|passw|pwd|token|key|credential|dsn|webhook|authori[sz]ation|cookie|(^|[^a-z0-9])sk($|[^a-z0-9]))/i;

/** Whether an env variable or flag name looks like it holds a secret: DB_PASSWORD, STRIPE_SK, --api-key. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * A container's command or args with the values of secret-looking flags and assignments redacted:
 * `--db-password=x`, `--api-token x` (as two items or inside one shell string) and `ADMIN_PASSWORD=x`.
 */
export function redactArgs(args: string[]): string[] {
  return args.map((arg, i) => {
    const prev = args[i - 1];
    if (prev !== undefined && /^--?[\w.-]+$/.test(prev) && isSecretName(prev) && !arg.startsWith('-'))
      return REDACTED;
    return arg
      .replace(/(^|\s)(--?[\w.-]+|[A-Za-z_][\w.]*)=(\S+)/g, (all: string, lead: string, name: string) =>
        isSecretName(name) ? `${lead}${name}=${REDACTED}` : all,
      )
      .replace(
        /(^|\s)(--?[\w.-]+)(\s+)([^\s-]\S*)/g,
        (all: string, lead: string, name: string, space: string) =>
          isSecretName(name) ? `${lead}${name}${space}${REDACTED}` : all,
      );
  });
}

/** A function that redacts known secret strings, secret-looking values, and values under secret-looking keys. */
export type Redactor = <T>(value: T) => T;

/** Builds a redactor that also removes the exact `secrets` given (e.g. the value of SLACK_WEBHOOK). */
export function createRedactor(secrets: Array<string | undefined> = []): Redactor {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  const text = (s: string): string => {
    let out = s;
    for (const k of known) out = out.split(k).join(REDACTED);
    for (const re of SECRET_VALUE) out = out.replace(re, REDACTED);
    return out;
  };
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return text(v);
    if (depth > 20 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k,
        SECRET_KEY.test(k) && x !== null && x !== undefined && typeof x !== 'object'
          ? REDACTED
          : walk(x, depth + 1),
      ]),
    );
  };
  return <T>(value: T) => walk(value, 0) as T;
}

/** Secret values this process knows of, from its environment. */
export function knownSecrets(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && (k === 'SLACK_WEBHOOK' || SECRET_KEY.test(k)))
    .map(([, v]) => v!);
}
