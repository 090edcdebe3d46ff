import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash, JSON_SCHEMA_FILE, runbookJsonSchema } from '@runbook/core';
import { writePdfs } from '@runbook/print';
import type { AstroIntegration } from 'astro';
import { generateSite } from './generate.ts';
import type { SiteInput } from './load.ts';
import { writeServiceWorker } from './sw.ts';

/**
 * Generates the pages from the runbook before Astro reads its content, and after the build (placed after
 * Starlight so Pagefind has run) writes the service worker over the finished dist and a build stamp.
 */
export function runbookSite(input: SiteInput, contentDir: string): AstroIntegration {
  return {
    name: 'runbook-site',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const files = generateSite(input, contentDir);
        logger.info(`${files.length} pages generated from runbook ${input.runbook.meta.version}`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const hash = contentHash(input.runbook);
        const stamp = {
          hash,
          version: input.runbook.meta.version,
          public: input.publicBuild,
          builtAt: input.now.toISOString(),
        };
        writeFileSync(`${out}/build.json`, `${JSON.stringify(stamp)}\n`);
        // Published with the docs, so that a runbook's `$schema=` line can point at the site.
        writeFileSync(`${out}/${JSON_SCHEMA_FILE}`, `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`);
        // The printout beside the pages, so the site links it and the service worker keeps it offline; not in a
        // public build, since the PDF carries the phone numbers that build leaves out.
        if (!input.publicBuild) {
          const pdfs = await writePdfs(input.runbook, join(out, 'pdf'), { now: input.now });
          logger.info(`${pdfs.length} PDFs written to pdf/`);
        }
        const count = writeServiceWorker(out, `${hash}-${input.now.getTime()}`);
        logger.info(`sw.js caches ${count} files`);
      },
    },
  };
}
