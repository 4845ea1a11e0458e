import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, stableStringify } from '../../src/config/config.js';
import { UserError } from '../../src/errors.js';
import { folderWith } from '../support/temp-dir.js';

describe('parseConfig', () => {
  it('fills every default from an empty config', () => {
    const { config, hash } = parseConfig({});
    expect(config.seed).toBe(42);
    expect(config.input.maxRejectShare).toBe(0.05);
    expect(config.normalise.placeholders).toContain('unknown');
    expect(config.scoring.clusterRules.map((r) => r.code)).toContain('SHARED_STRONG_2');
    expect(config.neo4j.scope).toBe('clusters');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps what the file sets and defaults the rest of that section', () => {
    const { config } = parseConfig({ graph: { hubMinAccounts: 12 } });
    expect(config.graph.hubMinAccounts).toBe(12);
    expect(config.graph.kindWeights).toEqual({});
    expect(config.kinds.classes.device).toBe('instrument');
  });

  it('hashes the effective config: key order does not matter, values do', () => {
    const a = parseConfig({ seed: 7, graph: { hubMinAccounts: 12 } }).hash;
    const b = parseConfig({ graph: { hubMinAccounts: 12 }, seed: 7 }).hash;
    expect(a).toBe(b);
    expect(parseConfig({ seed: 8, graph: { hubMinAccounts: 12 } }).hash).not.toBe(a);
    expect(parseConfig({}).hash).toBe(parseConfig({ seed: 42 }).hash);
  });

  it('names the source and the path of the first bad value in a one-line UserError', () => {
    expect(() => parseConfig({ scoring: { clusterThreshold: 'high' } }, 'my.json')).toThrow(UserError);
    expect(() => parseConfig({ scoring: { clusterThreshold: 'high' } }, 'my.json')).toThrow(/^my\.json: scoring\.clusterThreshold: /);
    expect(() => parseConfig({ scoring: { clusterRules: [{ code: 'lower', feature: 'size', op: '>=', value: 1, points: 1 }] } })).toThrow(/UPPER_SNAKE_CASE/);
    expect(() => parseConfig({ normalise: { defaultCountryCode: '+44' } })).toThrow(/normalise\.defaultCountryCode/);
  });
});

describe('kinds.classes', () => {
  it('adds to and overrides the default classes instead of replacing them', () => {
    const { classes } = parseConfig({ kinds: { classes: { loyalty_card: 'instrument', address: 'other' } } }).config.kinds;
    expect(classes).toMatchObject({ loyalty_card: 'instrument', address: 'other', national_id: 'identity', device: 'instrument', phone: 'contact', ip: 'place' });
  });

  it('refuses a class that does not exist', () => {
    expect(() => parseConfig({ kinds: { classes: { tablet: 'gadget' } } })).toThrow(/kinds\.classes/);
  });
});

describe('loadConfig', () => {
  it('reads a JSON file, and uses the defaults without one', async () => {
    const dir = await folderWith({ 'config.json': JSON.stringify({ seed: 3 }) });
    expect((await loadConfig(join(dir, 'config.json'))).config.seed).toBe(3);
    expect((await loadConfig()).config.seed).toBe(42);
  });

  it('a missing file or broken JSON is a UserError naming the file', async () => {
    const dir = await folderWith({ 'broken.json': '{ "seed": ' });
    await expect(loadConfig(join(dir, 'nope.json'))).rejects.toThrow(/cannot read config .*nope\.json: ENOENT/);
    await expect(loadConfig(join(dir, 'broken.json'))).rejects.toThrow(UserError);
    await expect(loadConfig(join(dir, 'broken.json'))).rejects.toThrow(/config .*broken\.json is not valid JSON/);
  });
});

describe('stableStringify', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });
});
