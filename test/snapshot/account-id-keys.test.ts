import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNormaliser, defaultPlaceholders } from '../../src/normalise/normalise-identifier.js';
import { replaceCardNumbers } from '../../src/normalise/card-numbers-in-text.js';
import { loadSnapshot } from '../../src/snapshot/load-snapshot.js';
import { RejectsFile } from '../../src/snapshot/rejects.js';
import { snapshotCounts } from '../../src/snapshot/snapshot-counts.js';
import { identifierValues } from '../support/make-snapshot.js';
import { folderWith, tempDir } from '../support/temp-dir.js';

const normalise = createNormaliser({ placeholders: defaultPlaceholders, panHashKey: 'test-key', defaultCountryCode: '44' });
/** a stand-in for the keyed token: which digits it replaced stays visible to the test */
const tokeniseCardNumbers = (text: string) => replaceCardNumbers(text, (digits) => `pan:${digits.slice(-4)}`);

const files = {
  'accounts.csv': 'account_id\n4714960349516264\nC5105105105105100\nA3\n',
  'identifiers.csv': 'account_id,kind,value\n4714960349516264,device,d-1\nC5105105105105100,payment_instrument,4111111111111111\nA3,device,d-1\n',
  'transactions.csv': 'transaction_id,account_id,counterparty_id,amount\nT1,4714960349516264,C5105105105105100,10\nT2,A3,4012888888881881,5\n',
};

async function load(accountIdsAreKeys: boolean) {
  const rejects = new RejectsFile(join(await tempDir(), 'rejects.csv'));
  try {
    return await loadSnapshot(await folderWith(files), { normalise, tokeniseCardNumbers, rejects, maxRejectShare: 0, accountIdsAreKeys });
  } finally {
    await rejects.close();
  }
}

describe('account ids that look like card numbers', () => {
  it('are tokenised like any card number by default, and counted', async () => {
    const snapshot = await load(false);
    expect(snapshot.accounts.ids).toEqual(['pan:6264', 'Cpan:5100', 'A3']);
    expect(snapshotCounts(snapshot)).toMatchObject({ cardLikeAccountIds: 2, tokenisedAccountIds: 2 });
    expect(Array.from(snapshot.transactions.counterparty)).toEqual([1, -1]);
  });

  it('are kept as they are with accountIdsAreKeys, where every other card number is still a token', async () => {
    const snapshot = await load(true);
    expect(snapshot.accounts.ids).toEqual(['4714960349516264', 'C5105105105105100', 'A3']);
    expect(snapshotCounts(snapshot)).toMatchObject({ cardLikeAccountIds: 2, tokenisedAccountIds: 0 });
    // the references to accounts still find them
    expect(Array.from(snapshot.links.account)).toEqual([0, 1, 2]);
    expect(Array.from(snapshot.transactions.account)).toEqual([0, 2]);
    expect(Array.from(snapshot.transactions.counterparty)).toEqual([1, -1]);
    const values = identifierValues(snapshot);
    expect(values.some((v) => v.includes('4111111111111111'))).toBe(false);
    expect(values.some((v) => v.includes('pan:1111'))).toBe(true);
  });
});
