/** A runbook with many procedures: its pages list them in the sidebar no more, the home page does (no browser). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRunbook, type Runbook, requireRunbook } from '@runbook/core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite } from '../../site/src/build/generate.ts';
import { onRequest } from '../../site/src/build/route-data.ts';
import { PROCEDURE_INDEX_ID, SIDEBAR_PROCEDURES_MAX } from '../../site/src/build/sidebar.ts';

/** The built-in runbook with its procedures repeated `times` times under new ids, as the bench's ×10. */
function scaled(times: number): Runbook {
  const plan = structuredClone(defaultRunbook());
  const procedures = [...plan.procedures];
  for (let i = 2; i <= times; i++)
    for (const p of procedures) plan.procedures.push({ ...structuredClone(p), id: `${p.id}-x${i}` });
  return requireRunbook(plan);
}

/** Starlight's route data as the middleware receives it: a procedures group, then the fixed pages. */
function route(ids: string[], current: string, locale?: string) {
  const link = (id: string) => ({
    type: 'link' as const,
    label: id,
    href: `/${id}/`,
    isCurrent: id === current,
    badge: undefined,
    attrs: {},
  });
  return {
    sidebar: [{ type: 'group' as const, label: 'Procedures', entries: ids.map(link) }, link('contacts')],
    locale,
    lang: locale ?? 'fr',
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the sidebar of a runbook with many procedures', () => {
  it('keeps every procedure while they fit', () => {
    const ids = defaultRunbook().procedures.map((p) => p.id);
    const data = route(ids, 'native');
    onRequest({ locals: { starlightRoute: data } });
    expect(data.sidebar[0]!.type === 'group' && data.sidebar[0]!.entries.map((e) => e.label)).toEqual(ids);
  });

  it('past the limit, lists only the current procedure and a link to the full list on the home page', () => {
    const ids = scaled(10).procedures.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(SIDEBAR_PROCEDURES_MAX);
    const data = route(ids, 'db-restore-x10', 'en');
    onRequest({ locals: { starlightRoute: data } });
    const [group, contacts] = data.sidebar;
    expect(group!.type === 'group' && group!.entries.map((e) => [e.label, e.href])).toEqual([
      [`All procedures (${ids.length})`, `/en/#${PROCEDURE_INDEX_ID}`],
      ['db-restore-x10', '/db-restore-x10/'],
    ]);
    expect(contacts).toMatchObject({ href: '/contacts/' });
  });

  it('the home page then lists every procedure, in each language; the built-in runbook’s does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-sidebar-'));
    dirs.push(dir);
    const big = scaled(10);
    generateSite({ runbook: big, publicBuild: false, now: new Date() }, join(dir, 'big'));
    generateSite({ runbook: defaultRunbook(), publicBuild: false, now: new Date() }, join(dir, 'one'));
    for (const [file, prefix] of [
      ['index.md', '/'],
      ['en/index.md', '/en/'],
    ] as const) {
      const home = readFileSync(join(dir, 'big', file), 'utf8');
      const list = new RegExp(`<ul id="${PROCEDURE_INDEX_ID}">(.*?)</ul>`).exec(home)?.[1] ?? '';
      expect(list.match(/href="[^"]+"/g)).toEqual(big.procedures.map((p) => `href="${prefix}${p.id}/"`));
      expect(readFileSync(join(dir, 'one', file), 'utf8')).not.toContain(PROCEDURE_INDEX_ID);
    }
  });
});
