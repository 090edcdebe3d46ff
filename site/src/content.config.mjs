// Plain JS, not TS: the root typecheck cannot resolve Astro's virtual `astro:content` module.

import { defineCollection } from 'astro:content';
import { resolve } from 'node:path';
import { docsSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';

// The Markdown is generated from the runbook into this directory by src/build/integration.ts.
const base = resolve('src/content/docs');

export const collections = {
  docs: defineCollection({ loader: glob({ base, pattern: '**/[^_]*.md' }), schema: docsSchema() }),
};
