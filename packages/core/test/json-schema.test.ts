import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runbookJsonSchema, runbookSchema } from '../src/index.ts';

type Json = { properties?: Record<string, Json>; items?: Json; anyOf?: Json[]; oneOf?: Json[] };

/** Every object path of a JSON Schema, with its property names. */
function objectKeys(schema: Json, path = '', out = new Map<string, string[]>()) {
  if (schema.properties) {
    out.set(path, [...new Set([...(out.get(path) ?? []), ...Object.keys(schema.properties)])].sort());
    for (const [k, v] of Object.entries(schema.properties)) objectKeys(v, `${path}.${k}`, out);
  }
  if (schema.items) objectKeys(schema.items, `${path}[]`, out);
  for (const alt of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) objectKeys(alt, path, out);
  return out;
}

/** The same walk over the zod schemas themselves. */
function zodKeys(schema: z.ZodType, path = '', out = new Map<string, string[]>()) {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'object') {
    const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
    out.set(path, [...new Set([...(out.get(path) ?? []), ...Object.keys(shape)])].sort());
    for (const [k, v] of Object.entries(shape)) zodKeys(v, `${path}.${k}`, out);
  } else if (def.type === 'array') zodKeys(def.element as z.ZodType, `${path}[]`, out);
  else if (def.type === 'union') for (const o of def.options as z.ZodType[]) zodKeys(o, path, out);
  else if (['optional', 'nullable', 'default'].includes(def.type as string))
    zodKeys(def.innerType as z.ZodType, path, out);
  return out;
}

describe('the runbook JSON Schema', () => {
  it('is z.toJSONSchema of the runbook schema, as the file is written (defaults optional)', () => {
    const { title, description, ...generated } = runbookJsonSchema();
    expect(generated).toEqual(z.toJSONSchema(runbookSchema, { io: 'input', target: 'draft-2020-12' }));
    expect(title).toBe('runbook');
    expect(description).toContain('check');
  });

  it('has exactly the objects and fields of the zod schemas, at every depth', () => {
    const fromJson = objectKeys(runbookJsonSchema() as Json);
    const fromZod = zodKeys(runbookSchema);
    for (const [path, keys] of fromZod) expect([path, fromJson.get(path)]).toEqual([path, keys]);
    expect([...fromJson.keys()].sort()).toEqual([...fromZod.keys()].sort());
  });
});
