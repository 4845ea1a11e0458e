import { TransactionStatus } from '../snapshot/snapshot.js';
import type { DetectionInput, MemberFeatures } from './cluster-analysis.js';
import { termValue, type Term } from './model-terms.js';

/**
 * The term values of accounts in no community, as the model reads them: their member terms only,
 * from what each account did itself (its chargebacks, its proximity to known fraud, its label);
 * cluster terms are 0. Those three numbers are all a row depends on, and most of a million lone
 * accounts have no chargeback and no proximity: their rows are made once per label and shared,
 * instead of once per account.
 */
export class SoloTermValues {
  /** the rows of accounts with no chargeback and no proximity, by label */
  private readonly quiet = new Map<number, Float64Array>();
  private readonly scratch: Float64Array;

  constructor(
    private readonly terms: readonly Term[],
    private readonly input: DetectionInput,
  ) {
    this.scratch = new Float64Array(terms.length);
  }

  /**
   * Account a's values, one per term. The row is either shared with every account like it
   * (isShared) or overwritten by the next call: read it before asking for another account.
   */
  of(a: number): Float64Array {
    const chargebacks = this.chargebacksOf(a);
    const proximity = this.input.proximity[a]!;
    const label = this.input.snapshot.accounts.label[a]!;
    // Object.is: a proximity of -0 takes the account's own row, so that every shared row is the one it would have had
    if (chargebacks !== 0 || !Object.is(proximity, 0)) return this.fill(this.scratch, chargebacks, proximity, label);
    let row = this.quiet.get(label);
    if (row === undefined) {
      row = this.fill(new Float64Array(this.terms.length), 0, 0, label);
      this.quiet.set(label, row);
    }
    return row;
  }

  /** Whether a row of `of` stands for every account with no chargeback and no proximity and the same label. */
  isShared(row: Float64Array): boolean {
    return row !== this.scratch;
  }

  private chargebacksOf(a: number): number {
    const { sentOffsets, sent } = this.input.transactions;
    const status = this.input.snapshot.transactions.status;
    let chargebacks = 0;
    for (let p = sentOffsets[a]!; p < sentOffsets[a + 1]!; p++) if (status[sent[p]!] === TransactionStatus.chargeback) chargebacks++;
    return chargebacks;
  }

  private fill(into: Float64Array, chargebacks: number, proximity: number, label: number): Float64Array {
    const own: MemberFeatures = {
      sharedIdentifiers: 0, strongSharedIdentifiers: 0, evidence: 0, roofedEvidence: 0, inBurst: 0, chargebacks, memberTransfers: 0,
      otherKnownFraud: 0, otherLegit: 0, proximity, knownFraud: label === 1 ? 1 : 0, legit: label === -1 ? 1 : 0, hubLinks: 0,
    };
    for (let t = 0; t < this.terms.length; t++) into[t] = this.terms[t]!.scope === 'cluster' ? 0 : termValue(this.terms[t]!, null, own);
    return into;
  }
}
