import { defaultRunbook } from '@runbook/core';
import { link } from '../../../site/src/build/context.ts';
import { pagesFor } from '../../../site/src/build/generate.ts';

/** The URLs the generator promises for the default runbook, in both languages. */
export function expectedUrls(): string[] {
  const input = { runbook: defaultRunbook(), publicBuild: false, now: new Date() };
  return input.runbook.meta.languages.flatMap((lang) =>
    pagesFor({ ...input, lang }).map((page) => link({ ...input, lang }, page.slug)),
  );
}
