import { contentHash, defaultRunbook } from '@runbook/core';
import { ensureSite as ensureSiteFor } from '@runbook/site/build';

export { type BuildOptions, buildSite, DIST, htmlFiles, ROOT, SITE } from '@runbook/site/build';

/** site/dist built from the default runbook, once for all test files. */
export const ensureSite = (): Promise<string> => ensureSiteFor(contentHash(defaultRunbook()));
