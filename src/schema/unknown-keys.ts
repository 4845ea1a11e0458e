import type { z } from 'zod';
import { closestWord } from './closest-word.js';

export interface UnknownKey {
  /** where the key was found, e.g. `scoring.clusterTreshold` */
  path: string;
  /** the nearest known key at that place, when one is close */
  suggestion: string | null;
}

/**
 * The first key in `raw` that the schema does not declare, walking every object of the schema
 * (through defaults, optionals, arrays and records). Records accept any key. Works on any
 * `z.object`, so a section added to the config is checked without extra work.
 */
export function findUnknownKey(raw: unknown, schema: z.ZodType, path: readonly (string | number)[] = []): UnknownKey | null {
  const def = unwrap(schema);
  if (raw === null || typeof raw !== 'object') return null;
  if (def.type === 'object' && !Array.isArray(raw)) {
    const shape = def.shape as Record<string, z.ZodType>;
    const known = Object.keys(shape);
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (!Object.hasOwn(shape, key)) return { path: [...path, key].join('.'), suggestion: closestWord(key, known) };
      const inner = findUnknownKey(value, shape[key]!, [...path, key]);
      if (inner) return inner;
    }
    return null;
  }
  if (def.type === 'array' && Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i++) {
      const inner = findUnknownKey(raw[i], def.element as z.ZodType, [...path, i]);
      if (inner) return inner;
    }
    return null;
  }
  if (def.type === 'record' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const inner = findUnknownKey(value, def.valueType as z.ZodType, [...path, key]);
      if (inner) return inner;
    }
  }
  return null;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: unknown;
  element?: unknown;
  valueType?: unknown;
}

/** Looks through wrappers (default, prefault, optional, nullable, readonly, pipe) to the schema that holds keys. */
function unwrap(schema: z.ZodType): Def {
  let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  for (let i = 0; i < 16; i++) {
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) break;
    def = (next as unknown as { _zod: { def: Def } })._zod.def;
  }
  return def;
}
