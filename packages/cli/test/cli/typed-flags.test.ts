/**
 * Flags are typed from their definitions (as citty infers them): `run` reads them without a cast. The type
 * assertions are checked by `pnpm typecheck`; the values by vitest, through the real parser.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type CommandFlags, defineCommand, defineFlags, parseCommandArgs } from '../../src/define.ts';
import { CLUSTER_FLAGS, type ClusterFlags } from '../../src/runtime.ts';

const FLAGS = defineFlags({
  to: { type: 'string', description: 'a string' },
  fault: { type: 'string', multiple: true, description: 'repeatable' },
  yes: { type: 'boolean', description: 'a boolean' },
  mode: { type: 'string', choices: ['fast', 'slow'], bareValue: 'fast', description: 'choices' },
  window: { type: 'string', default: '8', description: 'defaulted' },
  json: { type: 'boolean', description: 'json' },
});
type Flags = CommandFlags<typeof FLAGS>;

describe('flags typed from their definitions', () => {
  it('types each flag from its spec: string, list, boolean, choice, default, and the common ones', () => {
    expectTypeOf<Flags['to']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Flags['fault']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Flags['yes']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Flags['mode']>().toEqualTypeOf<'fast' | 'slow' | undefined>();
    expectTypeOf<Flags['window']>().toEqualTypeOf<string>();
    expectTypeOf<Flags['runbook']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Flags['output']>().toEqualTypeOf<'json' | 'yaml' | undefined>();
    expectTypeOf<ClusterFlags['dry-run']>().toEqualTypeOf<'client' | 'server' | undefined>();
    defineCommand({
      name: 'typed',
      description: 'typed',
      flags: { ...CLUSTER_FLAGS, ...FLAGS },
      run(_ctx, flags) {
        expectTypeOf(flags.namespace).toEqualTypeOf<string | undefined>();
        expectTypeOf(flags.fault).toEqualTypeOf<string[] | undefined>();
        // @ts-expect-error: a flag the command does not define does not exist
        void flags.undefinedFlag;
        return 0;
      },
    });
  });

  it('gives run the values its types say, through the real parser', () => {
    const spec = defineCommand({ name: 'typed', description: 'typed', flags: FLAGS });
    const argv = ['--to', 'green', '--fault', 'a', '--fault', 'b', '--yes', '--mode', '-o', 'yaml'];
    const { flags } = parseCommandArgs(spec, argv, 'typed', {});
    expect(flags).toMatchObject({
      to: 'green',
      fault: ['a', 'b'],
      yes: true,
      mode: 'fast',
      window: '8',
      output: 'yaml',
      json: true,
    });
    const none = parseCommandArgs(spec, [], 'typed', {}).flags;
    expect([none.to, none.fault, none.yes, none.mode, none.window]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      '8',
    ]);
  });

  it('still refuses a choice it does not list, naming the flag', () => {
    const spec = defineCommand({ name: 'typed', description: 'typed', flags: FLAGS });
    expect(() => parseCommandArgs(spec, ['--mode=medium'], 'typed', {})).toThrow(
      '--mode: expected fast or slow, got "medium"',
    );
  });
});
