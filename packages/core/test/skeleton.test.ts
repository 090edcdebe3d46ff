import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRunbookText, runbookSkeleton, skeletonYaml } from '../src/index.ts';

const NOW = { now: new Date('2026-11-29') };
const base = {
  service: 'shop',
  namespace: 'shop-prod',
  apps: ['api', 'web'],
  languages: ['en'],
  today: '2026-11-29',
};

describe('the runbook init writes', () => {
  it.each([
    ['two apps, English', base],
    ['one app, French and English', { ...base, apps: ['api'], languages: ['fr', 'en'] }],
    ['three apps', { ...base, apps: ['api', 'web', 'worker'] }],
  ])('%s: passes check with only the placeholder-phone warning', (_, options) => {
    const { errors, warnings, runbook } = parseRunbookText(skeletonYaml(options), NOW);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.rule)).toEqual(['placeholder-phone']);
    expect(runbook?.meta.apps.map((a) => a.id)).toEqual(options.apps);
    expect(runbook?.meta.languages).toEqual(options.languages);
  });

  it('is the skeleton data, starting with the schema line, TODO where a person decides', () => {
    const text = skeletonYaml(base);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./runbook.schema.json');
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(runbookSkeleton(base))));
    for (const todo of ['docsUrl', 'stableVersion', 'image', 'kubeContext', 'criticalTests', 'contacts'])
      expect(text).toMatch(new RegExp(`# TODO: .*\\n\\s*(- )?${todo}:`));
  });

  it('has the templates the commands need and names only its own apps in commands', () => {
    const { errors } = parseRunbookText(skeletonYaml({ ...base, apps: ['api'] }), NOW);
    expect(errors.filter((e) => /template|unknown-app/.test(e.rule))).toEqual([]);
    expect(skeletonYaml(base)).toContain('kubectl patch service shop-web -n shop-prod');
  });
});
