/**
 * Issue 16, item 3: the site is served by a script pnpm does not shadow (`pnpm docs` is pnpm's own command),
 * and the URL it prints opens the site with its styles.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSite, ROOT } from './helpers/build.ts';

const scripts = () =>
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;

/** Runs `pnpm site:serve` on a free port and resolves with the URL it prints. */
function startServe(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const url = out.match(/http:\/\/\S+\//)?.[0];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`pnpm site:serve exited ${code}: ${out}`)));
  });
}

describe('pnpm site:serve', () => {
  let child: ChildProcess | undefined;
  beforeAll(() => ensureSite(), 240_000);
  // pnpm runs the server two pnpm processes down: killing the first would leave the others serving after
  // the suite. The child leads its own process group, and the group is stopped.
  afterAll(async () => {
    if (child?.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  });

  it('is the script that serves the site; no script is named after a pnpm command', () => {
    expect(scripts()['site:serve']).toContain('serve');
    expect(Object.keys(scripts())).not.toContain('docs');
  });

  it('names site:serve where the README and the drill tell people how to open the site', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const drill = readFileSync(join(ROOT, 'packages/cli/src/commands/drill.ts'), 'utf8');
    for (const text of [readme, drill]) {
      expect(text).toContain('pnpm site:serve');
      expect(text).not.toContain('pnpm docs →');
    }
  });

  it('prints a URL that opens the site, styles included', async () => {
    child = spawn('pnpm', ['site:serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const url = await startServe(child);
    const home = await fetch(url);
    expect(home.status).toBe(200);
    const html = await home.text();
    const css = html.match(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/)?.[1];
    expect(css).toBeDefined();
    const sheet = await fetch(new URL(css!, url));
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toMatch(/text\/css/);
    expect((await fetch(new URL('/blue-green/', url))).status).toBe(200);
  }, 60_000);
});
