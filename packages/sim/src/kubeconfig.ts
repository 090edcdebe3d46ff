/** The kubeconfig that points kubectl and client libraries at the sim. */
import { writeFile } from 'node:fs/promises';

/** One identity of an RBAC sim's kubeconfig: its context is named after the user, `sim` for the admin. */
export interface KubeconfigUser {
  context: string;
  username: string;
  token: string;
}

const q = (s: string) => JSON.stringify(s);

// client-node 1.4 refuses plain http unless insecure-skip-tls-verify is set; kubectl ignores it for http.
export function kubeconfigYaml(
  server: string,
  namespace: string,
  users: readonly KubeconfigUser[] = [],
  ca?: string,
): string {
  const trust = ca
    ? `certificate-authority-data: ${Buffer.from(ca).toString('base64')}`
    : 'insecure-skip-tls-verify: true';
  const ids = users.length ? users : [{ context: 'sim', username: 'sim', token: '' }];
  const contexts = ids
    .map(
      (u) =>
        `- name: ${q(u.context)}\n  context:\n    cluster: sim\n    namespace: ${namespace}\n    user: ${q(u.username)}\n`,
    )
    .join('');
  const userList = ids
    .map((u) => `- name: ${q(u.username)}\n  user: ${u.token ? `\n    token: ${q(u.token)}` : '{}'}\n`)
    .join('');
  return `apiVersion: v1
kind: Config
clusters:
- name: sim
  cluster:
    server: ${server}
    ${trust}
contexts:
${contexts}current-context: sim
users:
${userList}preferences: {}
`;
}

export async function writeKubeconfig(
  path: string,
  server: string,
  namespace: string,
  users: readonly KubeconfigUser[] = [],
  ca?: string,
): Promise<void> {
  await writeFile(path, kubeconfigYaml(server, namespace, users, ca), { mode: 0o600 });
}
