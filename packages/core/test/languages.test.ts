import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  alertRules,
  builtinPlan,
  decimal,
  formatThreshold,
  localize,
  parseRunbook,
  procedureDocsUrl,
  renderTemplate,
  requireRunbook,
  t,
} from '../src/index.ts';
import { englishOnlyPlan } from './english-only.ts';

const lines = (input: unknown) => parseRunbook(input).errors.map((e) => `${e.path}: ${e.message}`);

describe('meta.languages', () => {
  it('accepts an English-only runbook with no French anywhere', () => {
    const plan = englishOnlyPlan();
    expect(JSON.stringify(plan)).not.toMatch(/"fr"/);
    const result = parseRunbook(plan, { now: new Date('2024-02-01') });
    expect(result.errors).toEqual([]);
    expect(result.runbook?.meta.languages).toEqual(['en']);
  });

  it('reports one line per field missing a listed language, with its path', () => {
    const plan = englishOnlyPlan() as unknown as Record<string, any>;
    delete plan.procedures[1].steps[2].explanation.en;
    expect(lines(plan)).toEqual([
      'procedures[1].steps[2].explanation.en: required, as meta.languages lists "en"',
    ]);
  });

  it('requires every field in a language added to the list', () => {
    const plan = structuredClone(builtinPlan) as unknown as Record<string, any>;
    plan.meta.languages = ['fr', 'en', 'de'];
    plan.meta.title.de = 'Notfall-Rollback-Plan';
    const errors = lines(plan);
    expect(errors.length).toBeGreaterThan(10);
    expect(errors.every((l) => /\.de: required, as meta.languages lists "de"$/.test(l))).toBe(true);
    expect(errors).toContain('meta.notice.de: required, as meta.languages lists "de"');
    expect(errors).not.toContain('meta.title.de: required, as meta.languages lists "de"');
  });

  it('ignores languages a field carries beyond the runbook’s', () => {
    const plan = englishOnlyPlan() as unknown as Record<string, any>;
    plan.meta.title.fr = 'Plan de rollback';
    expect(lines(plan)).toEqual([]);
  });

  it('refuses a missing, empty, repeated or malformed language list', () => {
    const without = structuredClone(builtinPlan) as unknown as Record<string, any>;
    delete without.meta.languages;
    expect(lines(without)).toEqual(['meta.languages: required, expected an array']);
    const bad = structuredClone(builtinPlan) as unknown as Record<string, any>;
    bad.meta.languages = ['fr', 'fr'];
    expect(lines(bad)).toEqual(['meta.languages: expected each language once']);
    bad.meta.languages = [];
    expect(lines(bad)).toEqual(['meta.languages: Too small: expected array to have >=1 items']);
    bad.meta.languages = ['French'];
    expect(lines(bad)).toEqual(['meta.languages[0]: expected a language code like en, fr or pt-BR']);
  });

  it('names a text keyed by something that is not a language code', () => {
    const plan = structuredClone(builtinPlan) as unknown as Record<string, any>;
    plan.meta.title.FR = 'Plan';
    expect(lines(plan)).toEqual(['meta.title.FR: key: expected a language code like en, fr or pt-BR']);
  });
});

describe('the tool’s own words', () => {
  it('come in French and English, and in English for any other language', () => {
    expect(t('quickReference', 'fr')).toBe('Fiche réflexe');
    expect(t('quickReference', 'de')).toBe('Quick-reference card');
    expect(localize(ACTION_LABELS.rollback, 'pt-BR')).toBe('Trigger rollback');
  });

  it('write decimals as the language does', () => {
    expect(decimal(99.5, 'fr')).toBe('99,5');
    expect(decimal(99.5, 'de')).toBe('99,5');
    expect(decimal(99.5, 'en')).toBe('99.5');
  });
});

describe('an English-only runbook’s outputs', () => {
  const runbook = requireRunbook(englishOnlyPlan());

  it('default to English, with its pages at the root', () => {
    expect(procedureDocsUrl(runbook, 'blue-green', 'en')).toBe('https://runbook.topsteel.com/blue-green/');
    const rule = alertRules(runbook).groups[0]!.rules[0]!;
    expect(rule.annotations.action).toBe('Trigger rollback');
    expect(rule.annotations.runbook_url).toBe('https://runbook.topsteel.com/blue-green/');
    const criterion = runbook.criteria.find((c) => c.kind === 'metric' && c.unit === 'ratio');
    if (criterion?.kind !== 'metric') throw new Error('shape');
    expect(formatThreshold(criterion, 'en')).not.toContain(',');
    const values = { start: '03:12', impact: 'checkout', version: 'v1.2.3', eta: '10 min', followUp: 'none' };
    expect(renderTemplate(runbook, 'internal', values)).toContain('Started: 03:12');
  });
});
