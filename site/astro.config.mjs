// @ts-check
import { resolve } from 'node:path';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { keepWordsWhole } from './src/build/code-tokens.mjs';
import { runbookSite } from './src/build/integration.ts';
import { siteInput } from './src/build/load.ts';
import { locales, sidebar } from './src/build/sidebar.ts';

const input = siteInput();
// One build date for every page: the footer reads it back through siteInput().
process.env.RUNBOOK_BUILT_AT = input.now.toISOString();
// Starlight only treats entries under src/content/docs as docs (sidebar autogenerate, heading links).
const contentDir = resolve('src/content/docs');

export default defineConfig({
  // Flags and commands in prose stay as typed: `--list` must never become an em dash.
  markdown: { smartypants: false },
  // The runbook's own published address: canonical links and the sitemap point there.
  site: input.runbook.meta.docsUrl,
  integrations: [
    starlight({
      // Languages, title and root language come from the runbook's meta.languages.
      ...locales(input.runbook),
      sidebar: sidebar(input.runbook),
      customCss: ['./src/styles/runbook.css', './src/styles/print.css'],
      components: { Footer: './src/components/Footer.astro' },
      // A runbook with many procedures lists them on the home page, not in every page's sidebar.
      routeMiddleware: './src/build/route-data.ts',
      favicon: '/favicon.svg',
      lastUpdated: false,
      credits: false,
      head: [{ tag: 'meta', attrs: { name: 'runbook-version', content: input.runbook.meta.version } }],
      // Wrapped commands leave no horizontal scroll box, which keyboards could not reach (axe: scrollable-region-focusable).
      // Plain commands in one theme, no window frames: token colouring alone cost ~8 KB on a procedure page,
      // and keeping every page under 150 KB matters more on a slow incident link (and on paper it is lost anyway).
      expressiveCode: {
        shiki: false,
        themes: ['github-dark'],
        defaultProps: { wrap: true, frame: 'none' },
        plugins: [keepWordsWhole()],
      },
      // Every heading's anchor icon weighs ~700 bytes; the table of contents already links each section.
      markdown: { headingLinks: false },
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
    }),
    runbookSite(input, contentDir),
  ],
});
