import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runbookJsonSchema, runbookSchema } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

describe('runbook schema', () => {
  it('prints the JSON Schema generated from the zod schemas, with no drift', async () => {
    const { code, stdout } = await runCli(['schema']);
    expect(code).toBe(0);
    // Regenerated here from the zod schemas: a stale bundle or a hand-written copy fails this.
    expect(JSON.parse(stdout)).toEqual(runbookJsonSchema());
  });

  it('carries the constraints the checks enforce: required keys, DNS-1123 names', async () => {
    const schema = runbookJsonSchema() as any;
    expect(schema.required).toEqual(Object.keys(runbookSchema.shape));
    const meta = schema.properties.meta;
    expect(meta.properties.namespace.pattern).toBe('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
    expect(meta.properties.namespace.maxLength).toBe(63);
    // Fields with a default may be left out of the file.
    expect(meta.properties.apps.items.required).not.toContain('colorLabel');
  });

  it('writes it with --out; an --out in a missing folder is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-schema-'));
    const file = join(dir, 'runbook.schema.json');
    const ok = await runCli(['schema', '--out', file]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(runbookJsonSchema());
    const bad = await runCli(['schema', '--out', join(dir, 'no', 'such', 'x.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --out: cannot write ".*x\.json" \(ENOENT\)/);
  });
});
