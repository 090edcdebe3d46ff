/**
 * A request's own deadline must fire even after garbage collection: on Node 20 `AbortSignal.any` over an
 * `AbortSignal.timeout` loses the timeout once collected, and `notify --timeout 1s` against a silent webhook
 * then waited forever (seen in CI). Run in a child with --expose-gc so the collection really happens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../../test/helpers/cli.ts';

const TIME = fileURLToPath(new URL('../../src/adapters/time.ts', import.meta.url));

describe('requestDeadline', () => {
  it('aborts a request to a silent server with TimeoutError, however often the GC runs', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const script = `
      const { requestDeadline } = await import(${JSON.stringify(TIME)});
      setInterval(() => globalThis.gc(), 20).unref();
      const run = new AbortController();
      const deadline = requestDeadline(300, run.signal);
      try { await fetch(${JSON.stringify(url)}, { signal: deadline.signal }); console.log('answered'); }
      catch (e) { console.log(e.name); }
      finally { deadline.done(); }
    `;
    try {
      const r = await runProcess(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
        { env: process.env },
      );
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('TimeoutError');
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});
