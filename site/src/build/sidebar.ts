import { type Runbook, t, type UiKey } from '@runbook/core';
import { procedureSlug, SLUGS } from './context.ts';

/** A group label in the runbook's first language, translated into its others. */
const labelled = (runbook: Runbook, key: UiKey) => {
  const [first, ...others] = runbook.meta.languages;
  return {
    label: t(key, first!),
    translations: Object.fromEntries(others.map((lang) => [lang, t(key, lang)])),
  };
};

/** The sidebar, labelled from core's `ui`; each entry takes its title and badge from the generated page. */
export function sidebar(runbook: Runbook) {
  return [
    {
      ...labelled(runbook, 'procedures'),
      items: runbook.procedures.map((p) => ({ slug: procedureSlug(p.id) })),
    },
    ...Object.values(SLUGS).map((slug) => ({ slug })),
  ];
}

/** A language's name in itself, capitalized as a menu shows it: `Français`, `English`. */
function languageName(lang: string): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/**
 * Starlight's locales from the runbook: its first language at the root, each other under its folder.
 * With one language there is nothing to switch to, so Starlight shows no language picker.
 */
export function locales(runbook: Runbook) {
  const [first, ...others] = runbook.meta.languages;
  return {
    title: Object.fromEntries(runbook.meta.languages.map((lang) => [lang, runbook.meta.title[lang]!])),
    defaultLocale: 'root',
    locales: Object.fromEntries([
      ['root', { label: languageName(first!), lang: first! }],
      ...others.map((lang) => [lang.toLowerCase(), { label: languageName(lang), lang }]),
    ]),
  };
}
