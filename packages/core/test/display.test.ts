import { describe, expect, it } from 'vitest';
import {
  breachWindowText,
  builtinPlan,
  carriesYes,
  criterionThresholdText,
  criterionWindowText,
  dataLossText,
  defaultRunbook,
  durationText,
  escalationWindowText,
  hasPlaceholder,
  isPlaceholderPhone,
  manualCommandSchema,
  type Procedure,
  parseRunbook,
  phoneText,
  placeholderExample,
  placeholderSchema,
  quickCommandSchema,
  t,
  targetDurationText,
} from '../src/index.ts';

const runbook = defaultRunbook();
const copy = () => structuredClone(builtinPlan) as unknown as Record<string, any>;
const NOW = { now: new Date('2024-02-01') };
const procedure = (id: string) => runbook.procedures.find((p) => p.id === id)!;

describe('placeholderExample', () => {
  it('gives a single text in every language and a localized one in the language asked', () => {
    expect(placeholderExample({ example: 'v1.2.3' }, 'en')).toBe('v1.2.3');
    expect(placeholderExample({ example: 'v1.2.3' }, 'fr')).toBe('v1.2.3');
    const both = { example: { fr: 'Erreurs 5xx', en: '5xx errors' } };
    expect(placeholderExample(both, 'fr')).toBe('Erreurs 5xx');
    expect(placeholderExample(both, 'en')).toBe('5xx errors');
    expect(placeholderExample({}, 'en')).toBeUndefined();
  });

  it('is accepted by the schema as a string or as { fr, en }, not as a number or an empty text', () => {
    const base = { name: 'impact', label: { en: 'Impact' }, type: 'text' };
    expect(placeholderSchema.safeParse({ ...base, example: 'x' }).success).toBe(true);
    expect(placeholderSchema.safeParse({ ...base, example: { fr: 'a', en: 'b' } }).success).toBe(true);
    expect(placeholderSchema.safeParse({ ...base, example: 3 }).success).toBe(false);
    expect(placeholderSchema.safeParse({ ...base, example: '' }).success).toBe(false);
  });

  it('the built-in plan has an English example for every placeholder example, and no French in it', () => {
    const examples = runbook.templates.flatMap((tpl) =>
      tpl.placeholders.filter((p) => p.example !== undefined).map((p) => [p, tpl.id] as const),
    );
    expect(examples.length).toBeGreaterThan(5);
    for (const [p, template] of examples) {
      const en = placeholderExample(p, 'en');
      expect([template, p.name, en]).toEqual([template, p.name, expect.any(String)]);
      // A text shared by both languages must read the same in both: no accents, no French words.
      expect([p.name, en]).not.toEqual([
        p.name,
        expect.stringMatching(/[àâçéèêëîïôûùü]|\b(?:des|après|en)\b/i),
      ]);
    }
    const impact = runbook.templates.find((tpl) => tpl.id === 'internal')!.placeholders[2]!;
    expect(placeholderExample(impact, 'en')).toBe('20% of API requests failing');
    expect(placeholderExample(impact, 'fr')).toBe('20 % des requêtes API en erreur');
  });
});

describe('phones', () => {
  it('tells a placeholder number from a real one', () => {
    expect(isPlaceholderPhone('+33 6 XX XX XX XX')).toBe(true);
    expect(isPlaceholderPhone('+33 6 12 34 5x 78')).toBe(true);
    expect(isPlaceholderPhone('+33 6 12 34 56 78')).toBe(false);
  });

  it('shows "number to fill in" without a link for a placeholder, the number and a tel: link otherwise', () => {
    expect(phoneText('+33 6 XX XX XX XX', 'fr')).toEqual({ text: 'numéro à renseigner', tel: null });
    expect(phoneText('+33 6 XX XX XX XX', 'en')).toEqual({ text: 'number to fill in', tel: null });
    expect(phoneText('+33 6 12 34 56 78', 'en')).toEqual({
      text: '+33 6 12 34 56 78',
      tel: 'tel:+33612345678',
    });
  });
});

describe('one wording for the site and the PDF', () => {
  it('escalation spans: an en dash between bounds, ≥ for the last level', () => {
    expect(escalationWindowText(0, 15, 'fr')).toBe('0–15 min');
    expect(escalationWindowText(30, null, 'en')).toBe('≥ 30 min');
    expect(t('escalationWhen', 'fr')).toBe('Depuis le début');
    expect(t('escalationWhen', 'en')).toBe('Since the start');
  });

  it('durations as people read them, with the language’s decimal mark and day letter', () => {
    expect(durationText('5m', 'fr')).toBe('5 min');
    expect(durationText('30s', 'en')).toBe('30 s');
    expect(durationText('1.5h', 'fr')).toBe('1,5 h');
    expect(durationText('90d', 'fr')).toBe('90 j');
    expect(durationText('90d', 'en')).toBe('90 d');
    expect(durationText('soon', 'en')).toBe('soon');
  });

  it('target durations', () => {
    expect(targetDurationText(procedure('blue-green'), 'en')).toBe('5 s – 30 s');
    expect(targetDurationText({ targetDuration: { min: '1m', max: '10m' } }, 'fr')).toBe('1 min – 10 min');
  });

  it('data-loss window: the procedure’s own, or one wording when it states none', () => {
    const withWindow = runbook.procedures.find((p) => p.dataLossWindow)!;
    expect(dataLossText(withWindow, 'fr')).toBe(withWindow.dataLossWindow!.fr);
    expect(dataLossText(procedure('blue-green'), 'fr')).toBe('aucune indiquée');
    expect(dataLossText({} as Pick<Procedure, 'dataLossWindow'>, 'en')).toBe('none stated');
  });

  it('criteria windows: a declared event and a metric without window both act at once', () => {
    const event = runbook.criteria.find((c) => c.kind === 'event')!;
    expect(criterionWindowText(event, 'fr')).toBe('immédiat');
    const windowed = runbook.criteria.find((c) => c.kind === 'metric' && c.window === '5m')!;
    expect(criterionWindowText(windowed, 'fr')).toBe('5 min');
    expect(breachWindowText(null, 'en')).toBe('at once');
    expect(breachWindowText('1m', 'en')).toBe('1 min');
  });

  it('criteria thresholds: declared events say so, metrics a person may declare say both', () => {
    const event = runbook.criteria.find((c) => c.kind === 'event')!;
    expect(criterionThresholdText(event, 'en')).toBe('declared by a person');
    const declarable = runbook.criteria.find((c) => c.kind === 'metric' && c.event)!;
    expect(criterionThresholdText(declarable, 'en')).toMatch(/^> .+ \/ declared by a person$/);
    const plain = runbook.criteria.find((c) => c.kind === 'metric' && !c.event)!;
    expect(criterionThresholdText(plain, 'fr')).not.toContain('/');
  });

  it('has the UI words the outputs need in both languages', () => {
    expect(t('exampleAdapt', 'fr')).toBe('exemple — à adapter avant usage');
    expect(t('exampleAdapt', 'en')).toBe('example — adapt before use');
    expect(t('runFirst', 'en')).toBe('First');
    expect(t('newIncident', 'fr')).toBe('Nouvel incident');
    expect(t('phoneToFill', 'en')).toBe('number to fill in');
    expect(t('destructive', 'en')).toBe('DESTRUCTIVE');
  });
});

describe('commands a reader copies', () => {
  it('schemas: example is optional on manual commands, destructive defaults to false on quick commands', () => {
    expect(manualCommandSchema.parse({ lang: 'sql', code: 'x' }).example).toBeUndefined();
    expect(manualCommandSchema.parse({ lang: 'sql', code: 'x', example: true }).example).toBe(true);
    const quick = { id: 'q', alias: 'q', title: { en: 'Q' }, runbook: 'pnpm runbook verify', manual: 'ls' };
    expect(quickCommandSchema.parse(quick).destructive).toBe(false);
    expect(quickCommandSchema.parse(quick).check).toBeUndefined();
    expect(
      quickCommandSchema.safeParse({ ...quick, check: { runbook: 'kubectl get pods', manual: 'x' } }).success,
    ).toBe(false);
  });

  it('placeholders and --yes are recognised', () => {
    expect(hasPlaceholder('DROP TABLE <table>;')).toBe(true);
    expect(hasPlaceholder('SELECT 1 WHERE a <> b;')).toBe(false);
    expect(hasPlaceholder('DROP TABLE marketplace_new_feature;')).toBe(false);
    expect(carriesYes('pnpm runbook rollback blue-green --to blue --yes')).toBe(true);
    expect(carriesYes('pnpm runbook rollback blue-green -y --to blue')).toBe(true);
    expect(carriesYes('pnpm runbook rollback blue-green --to blue')).toBe(false);
    expect(carriesYes('pnpm runbook notify --template yes-man')).toBe(false);
  });

  it('the built-in plan: every example command has a placeholder, no destructive quick command has --yes', () => {
    const examples = runbook.procedures.flatMap((p) =>
      p.steps.flatMap((s) => s.commands.filter((c) => c.example)),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const c of examples) expect([c.code, hasPlaceholder(c.code)]).toEqual([c.code, true]);
    const destructive = runbook.quickCommands.filter((q) => q.destructive);
    expect(destructive.map((q) => q.id)).toContain('rollback-now');
    for (const q of destructive) expect([q.id, carriesYes(q.runbook)]).toEqual([q.id, false]);
  });

  it('the built-in rollback-now is destructive, asks before acting and checks blue first', () => {
    const now = runbook.quickCommands.find((q) => q.id === 'rollback-now')!;
    expect(now.destructive).toBe(true);
    expect(now.runbook).toBe('./runbook rollback blue-green --to blue');
    expect(now.check?.runbook).toBe('./runbook rollback blue-green --to blue --dry-run');
    expect(now.check?.manual).toContain('kubectl rollout status deployment/marketplace-api-blue');
    expect(now.check?.manual).toContain('kubectl rollout status deployment/marketplace-web-blue');
  });

  it('lint reports an example without a placeholder, with its path', () => {
    const bad = copy();
    const p = bad.procedures.findIndex((x: any) => x.steps.some((s: any) => s.id === 'apply-revert-sql'));
    const s = bad.procedures[p].steps.findIndex((x: any) => x.id === 'apply-revert-sql');
    bad.procedures[p].steps[s].commands[0].code = 'BEGIN;\nDROP TABLE marketplace_new_feature;\nCOMMIT;';
    const { errors } = parseRunbook(bad, NOW);
    expect(errors.map((e) => `${e.rule} ${e.path}`)).toEqual([
      `example-placeholder procedures[${p}].steps[${s}].commands[0].code`,
    ]);
  });

  it('lint reports a destructive quick command carrying --yes, and not a harmless one', () => {
    const bad = copy();
    const i = bad.quickCommands.findIndex((q: any) => q.id === 'rollback-now');
    bad.quickCommands[i].runbook += ' --yes';
    const status = bad.quickCommands.findIndex((q: any) => q.id === 'status');
    bad.quickCommands[status].runbook = 'pnpm runbook verify --yes';
    const { errors } = parseRunbook(bad, NOW);
    expect(errors.map((e) => `${e.rule} ${e.path}`)).toEqual([
      `destructive-quick-yes quickCommands[${i}].runbook`,
    ]);
  });

  it('lint checks the namespace of a quick command’s readiness check', () => {
    const bad = copy();
    const i = bad.quickCommands.findIndex((q: any) => q.id === 'rollback-now');
    bad.quickCommands[i].check.manual = 'kubectl rollout status deployment/marketplace-api-blue -n default';
    const { errors } = parseRunbook(bad, NOW);
    expect(errors.map((e) => `${e.rule} ${e.path}`)).toEqual([
      `foreign-namespace quickCommands[${i}].check.manual`,
    ]);
  });
});
