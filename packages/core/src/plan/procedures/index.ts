import type { RunbookInput } from '../../schemas/index.ts';
import { blueGreen } from './blue-green.ts';
import { capture } from './capture.ts';
import { dbRestore, migrationRollback } from './database.ts';
import { emergency } from './emergency.ts';
import { native } from './native.ts';
import { verify } from './verify.ts';
import { version } from './version.ts';

export const procedures: RunbookInput['procedures'] = [
  capture,
  blueGreen,
  native,
  version,
  dbRestore,
  migrationRollback,
  verify,
  emergency,
];
