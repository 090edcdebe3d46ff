import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvalidRunbookError, type Problem } from './errors.ts';
import { type LintContext, lint } from './lint/index.ts';
import { type Lang, languagesSchema, type Runbook, runbookSchema, withLanguages } from './schemas/index.ts';

export interface ParseResult {
  /** The runbook, when its shape is valid (it may still have lint errors). */
  runbook: Runbook | null;
  errors: Problem[];
  warnings: Problem[];
}

/** `criteria[2].threshold` from `['criteria', 2, 'threshold']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, key) =>
        typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
      '',
    ) || '(root)'
  );
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
    return /received undefined/.test(issue.message)
      ? `required, expected ${article} ${issue.expected}`
      : `expected ${article} ${issue.expected}`;
  }
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue) return issue.message;
  if (issue.code === 'invalid_key') return `key: ${issue.issues.map((i) => i.message).join('; ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * A union's issues from the one branch that took the input's type (`example.de: required` for `{ fr, en }`
 * where a text or a localized text is expected), rather than a bare "invalid input" at the union.
 */
function unionIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || 'discriminator' in issue) return [issue];
  const typed = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (typed.length !== 1) return [issue];
  return typed[0]!.flatMap((i) => unionIssues({ ...i, path: [...issue.path, ...i.path] }));
}

/** `meta.languages` when it is valid; otherwise none, and the schema reports it. */
function declaredLanguages(input: unknown): readonly Lang[] {
  const meta = (input as { meta?: { languages?: unknown } } | null)?.meta;
  const parsed = languagesSchema.safeParse(meta?.languages);
  return parsed.success ? parsed.data : [];
}

/**
 * Checks shape (every localized field in each of `meta.languages`) then references; reports every problem
 * with its path, never only the first.
 */
export function parseRunbook(input: unknown, context: Partial<LintContext> = {}): ParseResult {
  const parsed = withLanguages(declaredLanguages(input), () => runbookSchema.safeParse(input));
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap(unionIssues).map<Problem>((issue) => ({
      path: formatPath(issue.path),
      message: describe(issue),
      level: 'error',
      rule: 'schema',
    }));
    return { runbook: null, errors, warnings: [] };
  }
  const problems = lint(parsed.data, context);
  return {
    runbook: parsed.data,
    errors: problems.filter((p) => p.level === 'error'),
    warnings: problems.filter((p) => p.level === 'warning'),
  };
}

/** JSON by its own parser: ten times faster than the YAML parser on the same text, which stays the fallback. */
function parseJson(text: string): { data: unknown } | null {
  if (!text.trimStart().startsWith('{')) return null;
  try {
    return { data: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** Parses YAML or JSON text (JSON is YAML). */
export function parseRunbookText(text: string, context: Partial<LintContext> = {}): ParseResult {
  const json = parseJson(text);
  if (json) return parseRunbook(json.data, context);
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return {
      runbook: null,
      errors: [{ path: '(file)', message, level: 'error', rule: 'syntax' }],
      warnings: [],
    };
  }
  return parseRunbook(data, context);
}

/** Like `parseRunbook`, but throws when there are errors: for outputs that must not be built from a broken runbook. */
export function requireRunbook(input: unknown, context: Partial<LintContext> = {}): Runbook {
  const result = parseRunbook(input, context);
  if (!result.runbook || result.errors.length > 0) throw new InvalidRunbookError(result.errors);
  return result.runbook;
}

/**
 * For a process that parses each runbook once, as a CLI command does: zod compiles a fast path for every schema
 * on its first use (`new Function`), which costs a cold process more than the one parse it speeds up (the
 * built-in runbook's first parse took 73 to 128 ms with it, 22 to 35 ms without, on a 2-core machine). Global to
 * the process's zod, so a library does not call it on its users' behalf; the CLI does, at start.
 */
export function parseOnce(): void {
  z.config({ jitless: true });
}
