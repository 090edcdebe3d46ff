import { describe, expect, it } from 'vitest';
import { builtinPlan, parseRunbook, parseRunbookText } from '../src/index.ts';

const copy = () => structuredClone(builtinPlan) as unknown as Record<string, any>;

describe('parseRunbook', () => {
  it('accepts the TopSteel plan with no error', () => {
    const result = parseRunbook(copy(), { now: new Date('2024-02-01') });
    expect(result.errors).toEqual([]);
    expect(result.runbook?.meta.namespace).toBe('topsteel-marketplace');
  });

  it('reports every shape problem with its path, not only the first', () => {
    const bad = copy();
    bad.criteria[2].threshold = 'high';
    delete bad.meta.namespace;
    bad.contacts[1].email = 'not-an-email';
    bad.procedures[0].title.en = '';
    const { errors, runbook } = parseRunbook(bad);
    expect(runbook).toBeNull();
    const lines = errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toContain('criteria[2].threshold: expected a number');
    expect(lines).toContain('meta.namespace: required, expected a string');
    expect(lines.some((l) => l.startsWith('contacts[1].email:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('procedures[0].title.en:'))).toBe(true);
    expect(errors).toHaveLength(4);
  });

  it("takes the tool's commands as ./runbook …, or as pnpm runbook … in runbooks written before; nothing else", () => {
    const older = copy();
    older.procedures[0].runbook = 'pnpm runbook capture-state';
    older.quickCommands[0].runbook = 'pnpm runbook rollback blue-green --to blue';
    expect(parseRunbook(older, { now: new Date('2024-02-01') }).errors).toEqual([]);
    const other = copy();
    other.procedures[0].runbook = 'kubectl get pods';
    const { errors } = parseRunbook(other);
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'procedures[0].runbook: expected a command starting with "./runbook " (or "pnpm runbook ")',
    ]);
  });

  it('requires both languages on every human-readable field', () => {
    const bad = copy();
    delete bad.procedures[1].steps[2].explanation.en;
    const { errors } = parseRunbook(bad);
    expect(errors.map((e) => e.path)).toEqual(['procedures[1].steps[2].explanation.en']);
  });

  it('reports YAML syntax errors as one problem', () => {
    const { errors } = parseRunbookText('meta: [unclosed');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.rule).toBe('syntax');
  });
});

describe('lint', () => {
  it('warns about the plan placeholder phones and an overdue review', () => {
    const { warnings, errors } = parseRunbook(copy(), { now: new Date('2026-11-26') });
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.rule === 'placeholder-phone')).toHaveLength(5);
    expect(warnings.find((w) => w.rule === 'review-overdue')?.message).toContain('2024-04-14');
  });

  it('does not call a review overdue within its interval', () => {
    const { warnings } = parseRunbook(copy(), { now: new Date('2024-03-01') });
    expect(warnings.some((w) => w.rule === 'review-overdue')).toBe(false);
  });

  it('finds dangling ids', () => {
    const bad = copy();
    bad.criteria[0].procedure = 'no-such-procedure';
    bad.escalation[1].contacts.push('ghost');
    bad.checklists[0].items[0].ref = 'capture-state/no-step';
    const { errors } = parseRunbook(bad);
    expect(errors.map((e) => e.path)).toEqual([
      'criteria[0].procedure',
      'escalation[1].contacts[2]',
      'checklists[0].items[0].ref',
    ]);
  });

  it('finds a kubectl command aimed at another namespace, but not `watch -n 5`', () => {
    const bad = copy();
    bad.procedures[1].steps[2].commands[0].code =
      'kubectl patch service marketplace-api-service -n other-team -p {}';
    const { errors } = parseRunbook(bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('procedures[1].steps[2].commands[0].code');
    expect(errors[0]!.message).toContain('"other-team"');
  });

  it('checks the escalation ladder is continuous', () => {
    const bad = copy();
    bad.escalation[1].toMinutes = 25;
    const { errors } = parseRunbook(bad);
    expect(errors.map((e) => e.rule)).toEqual(['escalation-ladder']);
  });

  it('finds undeclared template placeholders in either language', () => {
    const bad = copy();
    bad.templates[0].body.en += ' {{ghost}}';
    const { errors } = parseRunbook(bad);
    expect(errors.map((e) => e.path)).toEqual(['templates[0].body.en']);
  });

  it('reads a JSON file as JSON, and falls back on YAML for what JSON cannot read (a comment, a flow mapping)', () => {
    const json = JSON.stringify(builtinPlan);
    const direct = parseRunbook(structuredClone(builtinPlan));
    expect(parseRunbookText(json).runbook).toEqual(direct.runbook);
    expect(parseRunbookText(`${json}\n# reviewed`).runbook).toEqual(direct.runbook);
    expect(parseRunbookText('{meta: [unclosed').errors[0]).toMatchObject({ path: '(file)', rule: 'syntax' });
  });
});
