/**
 * A self-signed certificate for 127.0.0.1, made at start-up by the system's openssl: an RBAC sim serves
 * HTTPS because kubectl (client-go) never sends a bearer token over plain HTTP.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TlsPair {
  key: string;
  /** PEM; also the CA the kubeconfig trusts. */
  cert: string;
}

export async function selfSignedCert(): Promise<TlsPair> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-sim-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '30',
      '-subj',
      '/CN=runbook-sim',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
