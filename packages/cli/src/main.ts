import { setMaxListeners } from 'node:events';
import { EXIT } from '@runbook/core/errors';
import { COMMANDS } from './commands/index.ts';
import { type CommandSpec, parseCommandArgs, renderHelp } from './define.ts';
import { topLevel } from './top-level.ts';

async function resolve(argv: string[]): Promise<{ spec: CommandSpec; path: string; rest: string[] }> {
  const [name, ...rest] = argv;
  const entry = name ? COMMANDS[name] : undefined;
  if (!name || !entry) throw Object.assign(new Error(name ?? ''), { unknownCommand: name });
  let spec = (await entry.load()).default;
  let path = name;
  let remaining = rest;
  while (spec.subcommands) {
    const [sub, ...after] = remaining;
    if (!sub || sub.startsWith('-')) break;
    const load = spec.subcommands[sub];
    if (!load)
      throw Object.assign(new Error(sub), {
        unknownCommand: `${path} ${sub}`,
        parent: spec,
        parentPath: path,
      });
    spec = (await load()).default;
    path = `${path} ${sub}`;
    remaining = after;
  }
  return { spec, path, rest: remaining };
}

/** Parses, runs, and turns typed errors into text and exit codes: the only place that exits. */
export async function main(argv: string[]): Promise<void> {
  const stdout = process.stdout;
  const debug = Boolean(process.env.RUNBOOK_DEBUG);
  // A closed pipe (`runbook show | head`) is not an error, and must not cut a rollback short: what is
  // written after it is dropped and the command runs to its end (bin/runbook.mjs exits once output drained).
  const dropClosedPipe = () => {};
  stdout.on('error', dropClosedPipe);
  process.stderr.on('error', dropClosedPipe);
  const top = topLevel(argv);
  if (top) {
    stdout.write(top.text);
    process.exitCode = top.code;
    return;
  }
  const controller = new AbortController();
  // Every request in flight listens to the run's signal: several clusters at once, or a capture of many
  // pods, pass Node's default of 10 listeners without any leak.
  setMaxListeners(0, controller.signal);
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code: number;
  // Loaded here, not at the top: `runbook --help` must not compile the runbook loader and its schemas.
  const [{ createContext, describeError }, { parseOnce }] = await Promise.all([
    import('./context.ts'),
    import('@runbook/core'),
  ]);
  parseOnce();
  try {
    const resolved = await resolve(argv).catch(
      (err: { unknownCommand?: string; parent?: CommandSpec; parentPath?: string }) => {
        if (err && 'unknownCommand' in err) {
          const where = err.parentPath ? `runbook ${err.parentPath} --help` : 'runbook --help';
          process.stderr.write(
            `error: unknown command "${err.unknownCommand ?? ''}"\nhint: see '${where}'\n`,
          );
          return null;
        }
        throw err;
      },
    );
    if (!resolved) {
      code = EXIT.usage;
    } else {
      const { spec, path, rest } = resolved;
      const { flags, args } = parseCommandArgs(spec, rest, path);
      if (flags.help || !spec.run) {
        stdout.write(`${renderHelp(spec, path)}\n`);
        code = flags.help ? EXIT.ok : EXIT.usage;
      } else {
        const ctx = createContext(flags, { signal: controller.signal });
        code = (await spec.run(ctx, flags, args)) ?? EXIT.ok;
      }
    }
  } catch (err) {
    const { lines, exitCode } = describeError(err, debug);
    process.stderr.write(`${lines.join('\n')}\n`);
    code = exitCode;
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.exitCode = code;
}
