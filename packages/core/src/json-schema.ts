/**
 * The runbook's JSON Schema, generated from the zod schemas so that it cannot say something they do not.
 * It describes the file as written (`io: 'input'`): fields with a default may be left out.
 */
import { z } from 'zod';
import { runbookSchema } from './schemas/index.ts';

/** The name the schema file takes next to a runbook, and in the site build. */
export const JSON_SCHEMA_FILE = 'runbook.schema.json';

export function runbookJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(runbookSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...schema,
    title: 'runbook',
    description: 'An emergency rollback runbook: check it with `runbook check --strict --runbook FILE`.',
  };
}

/** The first line of a YAML runbook, so that editors with the YAML language server complete and check it. */
export function yamlSchemaComment(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}`;
}
