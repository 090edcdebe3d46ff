/** YAML out, as the runbook files come in: one library for both, so the packages that print need no other. */
import { stringify } from 'yaml';

/** A value as YAML; long lines are never folded, so a command stays on one line. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}
