import { dirname, join } from 'node:path';
import {
  dnsNameSchema,
  EXIT,
  idSchema,
  JSON_SCHEMA_FILE,
  parseRunbookText,
  runbookJsonSchema,
  type SkeletonOptions,
  skeletonYaml,
  UsageError,
} from '@runbook/core';
import { type CommonFlags, defineCommand, defineFlags, type ParsedFlags } from '../define.ts';
import { writeOutFile } from './_out-file.ts';

/** A flag that must be a Kubernetes name; the schema's own message says what one is. */
function kubeName(flag: string, value: string): string {
  const r = dnsNameSchema.safeParse(value);
  if (!r.success)
    throw new UsageError(`--${flag}: ${r.error.issues[0]!.message}, got ${JSON.stringify(value)}`);
  return value;
}

function appIds(raw: string): string[] {
  const ids = raw.split(',').map((s) => s.trim());
  for (const id of ids) {
    if (!idSchema.safeParse(id).success || !dnsNameSchema.safeParse(id).success)
      throw new UsageError(
        `--apps: expected kebab-case app ids separated by commas (api,web), got ${JSON.stringify(raw)}`,
      );
  }
  if (new Set(ids).size !== ids.length)
    throw new UsageError(`--apps: an app id is given twice in ${JSON.stringify(raw)}`);
  return ids;
}

const INIT_FLAGS = defineFlags({
  service: {
    type: 'string',
    hint: 'NAME',
    description: 'The service (a Kubernetes name); apps are named after it',
  },
  namespace: { type: 'string', hint: 'NS', description: 'Its namespace (default: the service name)' },
  apps: { type: 'string', hint: 'ID,ID', description: 'App ids, comma separated (default api)' },
  out: {
    type: 'string',
    hint: 'FILE',
    description: 'Where to write the runbook (default runbook.yaml); never overwritten',
  },
});

/** The skeleton's options from the flags; everything is checked before anything is written. */
export function initOptions(
  flags: ParsedFlags<typeof INIT_FLAGS> & CommonFlags,
  today: string,
): SkeletonOptions {
  const service = flags.service;
  if (!service) throw new UsageError('init: missing --service NAME (the service this runbook rolls back)');
  return {
    service: kubeName('service', service),
    namespace: kubeName('namespace', flags.namespace ?? service),
    apps: appIds(flags.apps ?? 'api'),
    languages: [flags.lang ?? 'en'],
    today,
  };
}

export default defineCommand({
  name: 'init',
  description:
    'Write a small commented YAML runbook that passes check and runs the drill; TODO comments mark what a person must decide. Never overwrites.',
  details: `Beside it goes ${JSON_SCHEMA_FILE} (regenerated each time), which the file's first line points editors to.
Examples:
  runbook init --service shop --namespace shop-prod --apps api,web --lang en --out shop.yaml
  runbook check --strict --runbook shop.yaml
Exit codes: 2 usage (bad name, or --out exists: nothing written) · 5 the file cannot be written (disk, permissions).`,
  flags: INIT_FLAGS,
  run(ctx, flags) {
    const today = new Date().toISOString().slice(0, 10);
    const options = initOptions(flags, today);
    const yaml = skeletonYaml(options);
    // The names derived from the flags can still break a limit (63 characters): refuse before writing.
    const { errors } = parseRunbookText(yaml);
    if (errors.length > 0)
      throw new UsageError(
        `init: the flags give an invalid runbook: ${errors[0]!.path}: ${errors[0]!.message}`,
      );
    const out = flags.out ?? 'runbook.yaml';
    writeOutFile('--out', out, yaml, true);
    const schema = join(dirname(out), JSON_SCHEMA_FILE);
    writeOutFile('--out', schema, `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`);
    ctx.out(`wrote ${out} (and ${schema}, the JSON Schema editors read)`);
    ctx.out(
      `next: ./runbook check --strict --runbook ${out}   (fails until the TODO phone numbers are real)`,
    );
    ctx.out(`      ./runbook drill --runbook ${out}`);
    return EXIT.ok;
  },
});
