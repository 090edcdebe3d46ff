import { type Lang, type Runbook, t, type UiKey } from '@runbook/core';
import { procedureSlug, SLUGS } from './context.ts';

const labelled = (key: UiKey) => ({
  label: t(key, 'fr'),
  translations: { en: t(key, 'en') } satisfies Record<Exclude<Lang, 'fr'>, string>,
});

/** The sidebar, labelled from core's `ui`; each entry takes its title and badge from the generated page. */
export function sidebar(runbook: Runbook) {
  return [
    { ...labelled('procedures'), items: runbook.procedures.map((p) => ({ slug: procedureSlug(p.id) })) },
    ...Object.values(SLUGS).map((slug) => ({ slug })),
  ];
}
