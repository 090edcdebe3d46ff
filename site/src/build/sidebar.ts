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

/**
 * Past this many procedures, each page's sidebar lists only its own procedure and a link to the home page's
 * full list (route-data.ts): every entry weighs ~180 bytes on every page, and a runbook ten times the
 * built-in one took its largest page over 150 KB.
 */
export const SIDEBAR_PROCEDURES_MAX = 30;

/** The id of the home page's list of every procedure, shown when the sidebar no longer lists them. */
export const PROCEDURE_INDEX_ID = 'rb-procedures';

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
