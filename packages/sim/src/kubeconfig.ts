/** The kubeconfig that points kubectl and client libraries at the sim. */
import { writeFile } from 'node:fs/promises';

// client-node 1.4 refuses plain http unless insecure-skip-tls-verify is set; kubectl ignores it for http.
export function kubeconfigYaml(server: string, namespace: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: sim
  cluster:
    server: ${server}
    insecure-skip-tls-verify: true
contexts:
- name: sim
  context:
    cluster: sim
    namespace: ${namespace}
    user: sim
current-context: sim
users:
- name: sim
  user: {}
preferences: {}
`;
}

export async function writeKubeconfig(path: string, server: string, namespace: string): Promise<void> {
  await writeFile(path, kubeconfigYaml(server, namespace), { mode: 0o600 });
}
