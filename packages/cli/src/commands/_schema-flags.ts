/** The flags of the app/schema check (`rollback native`, `rollback version`), typed from their definitions. */
import { defineFlags } from '../define.ts';

export const SCHEMA_FLAGS = defineFlags({
  database: {
    type: 'string',
    hint: 'URL',
    description: 'Database whose migrations the target version must match (default DATABASE_URL, then PG*)',
  },
  force: { type: 'boolean', description: 'Go on despite an app/schema mismatch' },
});
