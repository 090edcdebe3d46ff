import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runbookJsonSchema } from '@runbook/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'runbook-init-'));
const INIT = ['init', '--service', 'shop', '--namespace', 'shop-prod', '--apps', 'api,web', '--lang', 'en'];

describe('runbook init', () => {
  it('writes a commented runbook that check passes at once, and the schema beside it', async () => {
    const dir = tmp();
    const file = join(dir, 'shop.yaml');
    const r = await runCli([...INIT, '--out', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./runbook.schema.json');
    expect(text).toContain('# TODO:');
    expect(JSON.parse(readFileSync(join(dir, 'runbook.schema.json'), 'utf8'))).toEqual(runbookJsonSchema());
    const check = await runCli(['check', '--runbook', file, '--json']);
    expect(check.code).toBe(0);
    const { errors, warnings } = JSON.parse(check.stdout);
    expect(errors).toEqual([]);
    expect(warnings.map((w: { rule: string }) => w.rule)).toEqual(['placeholder-phone']);
    // The placeholder phone is the one thing --strict holds against it, as for the TopSteel plan.
    expect((await runCli(['check', '--strict', '--runbook', file])).code).toBe(1);
  });

  it('over an existing file: exit 2, and nothing changes', async () => {
    const dir = tmp();
    const file = join(dir, 'runbook.yaml');
    writeFileSync(file, 'mine\n');
    const r = await runCli([...INIT, '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: --out: "${file}" already exists; nothing was written`);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, 'runbook.schema.json'))).toBe(false);
  });

  it('a name Kubernetes would refuse, or a missing --service, is a usage error naming the flag', async () => {
    const dir = tmp();
    const file = join(dir, 'x.yaml');
    const bad = await runCli(['init', '--service', 'Shop_1', '--out', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: --service: expected a Kubernetes name \(DNS-1123 label\).*got "Shop_1"\n$/,
    );
    const apps = await runCli(['init', '--service', 'shop', '--apps', 'api,,web', '--out', file]);
    expect(apps.code).toBe(2);
    expect(apps.stderr).toContain('--apps:');
    const long = await runCli(['init', '--service', 's'.repeat(60), '--out', file]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('init: the flags give an invalid runbook: meta.apps[0].service');
    const missing = await runCli(['init', '--out', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --service');
    expect(existsSync(file)).toBe(false);
  });
});
