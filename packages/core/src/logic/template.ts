import { RunbookError, UsageError } from '../errors.ts';
import { localize } from '../i18n.ts';
import type { Lang, Placeholder, Runbook, Template } from '../schemas/index.ts';

const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

/** The placeholder names a template body uses, in order of first use. */
export function placeholdersIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function findTemplate(runbook: Runbook, id: string): Template {
  const template = runbook.templates.find((t) => t.id === id);
  if (!template) {
    const known = runbook.templates.map((t) => t.id).join(', ');
    throw new UsageError(`template: unknown template "${id}", expected one of ${known}`);
  }
  return template;
}

// ESC sequences: CSI (`ESC [ … final`), OSC/DCS/APC/PM/SOS (`ESC ] … BEL|ESC \`), then any other `ESC x`.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b./g;
// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that reorder what is shown.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value as it may reach a terminal, a chat channel or a journal: without escape sequences or control
 * characters that could clear the screen, rewrite a line, retitle the terminal or reorder the text.
 */
export function cleanValue(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

const isUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const isDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Per placeholder type: whether a value fits, and how to say what was expected. */
const TYPES: Record<Placeholder['type'], { ok: (v: string) => boolean; expected: string } | null> = {
  text: null,
  list: null,
  version: {
    ok: (v) => /^v\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/.test(v),
    expected: 'a version like v1.2.3',
  },
  time: {
    ok: (v) =>
      /^([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/.test(v) ||
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v))),
    expected: 'a time like 14:05',
  },
  date: { ok: isDate, expected: 'a date like 2024-01-15' },
  duration: {
    ok: (v) => /^\d+(?:[.,]\d+)?\s*\p{L}+(?:\s*\d+(?:\s*\p{L}+)?)?$/u.test(v),
    expected: 'a duration like 30 min',
  },
  url: { ok: isUrl, expected: 'an http(s) URL like https://status.example.com' },
  number: { ok: (v) => /^\d[\d\u00a0\u202f ]*(?:[.,]\d+)?$/.test(v), expected: 'a number like 1200' },
};

/**
 * Checks values given for a template before anything is sent: every name must be a placeholder of it, and
 * every value must fit the placeholder's type (a notice saying "rollback to version latest" helps nobody).
 */
export function checkTemplateVars(runbook: Runbook, id: string, vars: Record<string, string>): void {
  const template = findTemplate(runbook, id);
  for (const [name, raw] of Object.entries(vars)) {
    const placeholder = template.placeholders.find((p) => p.name === name);
    if (!placeholder) {
      const declared = template.placeholders.map((p) => p.name).join(', ');
      throw new UsageError(
        `--var ${name}: template "${id}" has no placeholder "${name}"; expected one of ${declared}`,
      );
    }
    const type = TYPES[placeholder.type];
    const value = cleanValue(raw).trim();
    if (type && !type.ok(value))
      throw new UsageError(`--var ${name}: expected ${type.expected}, got ${JSON.stringify(value)}`);
  }
}

/**
 * Fills a template. A value missing with no default is an error naming it:
 * a half-filled notice sent to customers is worse than none. Values are cleaned of control characters.
 */
export function renderTemplate(
  runbook: Runbook,
  id: string,
  vars: Record<string, string>,
  lang: Lang = runbook.meta.languages[0]!,
): string {
  const template = findTemplate(runbook, id);
  const declared = new Set(template.placeholders.map((p) => p.name));
  for (const name of Object.keys(vars)) {
    if (!declared.has(name)) {
      throw new UsageError(
        `--var ${name}: template "${id}" has no placeholder "${name}"; expected one of ${[...declared].join(', ')}`,
      );
    }
  }
  const missing = template.placeholders
    .filter((p) => vars[p.name] === undefined && !p.default)
    .map((p) => p.name);
  if (missing.length > 0) {
    throw new RunbookError(
      'E_TEMPLATE_VAR',
      `template "${id}": missing value for ${missing.map((m) => `"${m}"`).join(', ')}`,
      2,
      `pass ${missing.map((m) => `--var ${m}=…`).join(' ')}`,
    );
  }
  return localize(template.body, lang).replace(PLACEHOLDER, (_, name: string) => {
    const placeholder = template.placeholders.find((p) => p.name === name);
    const given = vars[name];
    return given !== undefined
      ? cleanValue(given)
      : placeholder?.default
        ? localize(placeholder.default, lang)
        : '';
  });
}
