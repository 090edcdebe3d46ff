import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t, ui } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';
import { englishOnlyPlan } from '../../../core/test/english-only.ts';

function writeEnglishRunbook(mutate: (plan: any) => void = () => {}): string {
  const plan = englishOnlyPlan();
  mutate(plan);
  const file = join(mkdtempSync(join(tmpdir(), 'runbook-cli-en-')), 'runbook.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

/** The tool's own French words long enough not to hide inside English ones. */
const FRENCH = Object.values(ui)
  .filter((w) => w.fr !== w.en && w.fr.length > 4)
  .map((w) => w.fr);

describe('an English-only runbook', () => {
  const file = writeEnglishRunbook();

  it('passes check and shows in English by default, with no French word', async () => {
    const check = await runCli(['check', '--runbook', file]);
    expect(check.stdout).toContain('0 error(s)');
    expect(check.code).toBe(0);
    const show = await runCli(['show', '--runbook', file]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`${t('whenToUse', 'en')}:`);
    expect(FRENCH.filter((w) => show.stdout.includes(w))).toEqual([]);
  });

  it('refuses --lang or RUNBOOK_LANG in a language it lacks, naming the flag and its languages', async () => {
    const flag = await runCli(['show', '--runbook', file, '--lang', 'fr']);
    expect(flag.code).toBe(2);
    expect(flag.stdout).toBe('');
    expect(flag.stderr.trim()).toBe(`error: --lang: expected en, the runbook's languages; got "fr"`);
    const env = await runCli(['show', '--runbook', file], { env: { RUNBOOK_LANG: 'fr' } });
    expect(env.code).toBe(2);
    expect(env.stderr.trim()).toBe(
      `error: --lang (from RUNBOOK_LANG): expected en, the runbook's languages; got "fr"`,
    );
    const shape = await runCli(['check', '--runbook', file, '--lang', 'French']);
    expect(shape.code).toBe(2);
    expect(shape.stderr.trim()).toBe(
      'error: --lang: expected a language code like en, fr or pt-BR, got "French"',
    );
  });

  it('gets one line per field missing its English', async () => {
    const broken = writeEnglishRunbook((plan) => {
      delete plan.procedures[0].title.en;
      delete plan.meta.notice.en;
    });
    const { code, stderr } = await runCli(['show', '--runbook', broken]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'meta.notice.en: required, as meta.languages lists "en"',
      'procedures[0].title.en: required, as meta.languages lists "en"',
    ]);
  });
});

describe('the TopSteel runbook', () => {
  it('still shows in French by default, and in English on request', async () => {
    const fr = await runCli(['show', 'blue-green']);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain(`${t('whenToUse', 'fr')}:`);
    const en = await runCli(['show', 'blue-green'], { env: { RUNBOOK_LANG: 'en' } });
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(`${t('whenToUse', 'en')}:`);
  });
});
