import { z } from 'zod';
import { findUnknownKey } from '../../schema/unknown-keys.js';
import { UserError } from '../../errors.js';
import { TableMappingsSchema } from './table-mapping.js';

/**
 * A mapping file (`--map`): the config's `input.tables`, and optionally its
 * `input.accountIdsAreKeys`, on their own, so that an export runs with one small file beside it.
 */
export const MappingFileSchema = z.object({
  tables: TableMappingsSchema,
  accountIdsAreKeys: z.boolean().optional(),
});
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** Validated as strictly as the config: an unknown key is refused with the nearest known one. */
export function parseMappingFile(raw: unknown, source: string): MappingFile {
  const unknown = findUnknownKey(raw, MappingFileSchema);
  if (unknown) throw new UserError(`${source}: unknown setting ${unknown.path}${unknown.suggestion ? ` (did you mean ${unknown.suggestion}?)` : ''}`);
  const parsed = MappingFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The raw config with the mapping file as its input section's mapping. */
export function withMapping(rawConfig: unknown, mapping: MappingFile, configSource: string): Record<string, unknown> {
  const config = rawConfig !== null && typeof rawConfig === 'object' && !Array.isArray(rawConfig) ? (rawConfig as Record<string, unknown>) : {};
  const input = config.input !== null && typeof config.input === 'object' && !Array.isArray(config.input) ? (config.input as Record<string, unknown>) : {};
  if (input.tables !== undefined) throw new UserError(`${configSource} maps tables itself (input.tables): give the mapping there or in --map, not both`);
  if (input.accountIdsAreKeys !== undefined && mapping.accountIdsAreKeys !== undefined) throw new UserError(`${configSource} and the mapping both set accountIdsAreKeys: set it in one of them`);
  return { ...config, input: { ...input, tables: mapping.tables, ...(mapping.accountIdsAreKeys !== undefined ? { accountIdsAreKeys: mapping.accountIdsAreKeys } : {}) } };
}
