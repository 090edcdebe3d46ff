import { defineCommand } from '../define.ts';

export default defineCommand({
  name: 'rollback',
  description:
    'Roll the service back: blue-green switch (recommended, ~30 s), native rollout undo, or a pinned version.',
  details:
    'Examples:\n  runbook rollback blue-green --to blue\n  runbook rollback native --to-revision 2\n  runbook rollback version v1.2.3 --dry-run',
  subcommands: {
    'blue-green': () => import('./rollback-blue-green.ts'),
    native: () => import('./rollback-native.ts'),
    version: () => import('./rollback-version.ts'),
  },
});
