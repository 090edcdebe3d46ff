/**
 * Starlight route middleware: past SIDEBAR_PROCEDURES_MAX procedures, a page's sidebar keeps only its own
 * procedure and a link to the home page's list of all of them, instead of every one on every page.
 * Previous/next links are computed before this runs, from the whole list, and still walk every procedure.
 */
import { t } from '@runbook/core';
import { PROCEDURE_INDEX_ID, SIDEBAR_PROCEDURES_MAX } from './sidebar.ts';

// The parts of Starlight's route data read here (its own types need Astro's generated `astro:content`).
interface SidebarLink {
  type: 'link';
  label: string;
  href: string;
  isCurrent: boolean;
  badge: undefined;
  attrs: Record<string, string>;
}
interface SidebarGroup {
  type: 'group';
  entries: Array<SidebarLink | SidebarGroup>;
}
interface RouteLocals {
  starlightRoute: { sidebar: Array<SidebarLink | SidebarGroup>; locale: string | undefined; lang: string };
}

export function onRequest(context: { locals: object }): void {
  const route = (context.locals as RouteLocals).starlightRoute;
  const procedures = route.sidebar[0];
  if (procedures?.type !== 'group' || procedures.entries.length <= SIDEBAR_PROCEDURES_MAX) return;
  const home = route.locale ? `/${route.locale}/` : '/';
  procedures.entries = [
    {
      type: 'link',
      label: `${t('allProcedures', route.lang)} (${procedures.entries.length})`,
      href: `${home}#${PROCEDURE_INDEX_ID}`,
      isCurrent: false,
      badge: undefined,
      attrs: {},
    },
    ...procedures.entries.filter((entry) => entry.type === 'link' && entry.isCurrent),
  ];
}
