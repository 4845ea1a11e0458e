import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPanHasher } from '../../src/normalise/card-number.js';
import { replaceCardNumbers } from '../../src/normalise/card-numbers-in-text.js';
import { createNormaliser, defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const options = { placeholders: defaultPlaceholders, panHashKey: 'epoch-test-key', defaultCountryCode: '44' };
const hashPan = createPanHasher(options.panHashKey);
/** Luhn-valid: the card-number scrub would take it for a card number anywhere else */
const EPOCH_MS = '1719792000006';
/** Luhn-valid and beginning with 4: may be a 13-digit card number */
const CARD = '4111111111119';

async function load(identifiers: string) {
  const dir = await folderWith({ 'accounts.csv': `account_id,created_at\nA1,${EPOCH_MS}\nA2,\n`, 'identifiers.csv': identifiers });
  const rejectsPath = join(await tempDir(), 'rejects.csv');
  const rejects = new RejectsFile(rejectsPath);
  try {
    const snapshot = await loadSnapshot(dir, { normalise: createNormaliser(options), tokeniseCardNumbers: (text) => replaceCardNumbers(text, hashPan), rejects, maxRejectShare: 1 });
    return { snapshot, rejects: await rejects.close().then(() => readFile(rejectsPath, 'utf8')) };
  } catch (err) {
    await rejects.close();
    throw err;
  }
}

describe('card numbers and epoch timestamps', () => {
  it('reads a Luhn-valid epoch in milliseconds in a timestamp column as a time, on the fast and the general path', async () => {
    // the second row takes the general path (a padded account id)
    const { snapshot, rejects } = await load(`account_id,kind,value,first_seen,last_seen\nA1,device,d-1,${EPOCH_MS},${EPOCH_MS}\n A2 ,device,d-1,${EPOCH_MS},\n`);
    expect(rejects.trim().split('\n')).toHaveLength(1);
    expect(snapshot.accounts.createdAt[0]).toBe(Date.UTC(2024, 6, 1, 0, 0, 0, 6));
    expect(Array.from(snapshot.links.firstSeen)).toEqual([Date.UTC(2024, 6, 1, 0, 0, 0, 6), Date.UTC(2024, 6, 1, 0, 0, 0, 6)]);
    expect(Number.isNaN(snapshot.links.lastSeen[1]!)).toBe(true);
  });

  it('still scrubs a 13-digit number that may be a card number, and one in any other column', async () => {
    const { snapshot, rejects } = await load(`account_id,kind,value,first_seen,last_seen\nA1,device,d-1,${CARD},\nA2,device,${EPOCH_MS},,\n`);
    const lines = rejects.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('first_seen: not an ISO 8601 timestamp');
    expect(rejects).not.toContain(CARD);
    // an epoch-looking number as a value is data: the scrub tokenises it
    expect(snapshot.identifiers.values.at(0)).toMatch(/^pan:[0-9a-f]{32}$/);
  });
});
