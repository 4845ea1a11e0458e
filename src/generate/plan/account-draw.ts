import type { Prng } from '../prng.js';

/**
 * Hands out accounts for exclusive roles (ring member, business family, household, thin sign-up)
 * in a random order, so no role lands on a block of neighbouring ids: account ids carry no signal.
 */
export class AccountDraw {
  private readonly order: Int32Array;
  private next = 0;

  constructor(accounts: number, prng: Prng) {
    this.order = new Int32Array(accounts);
    for (let i = 0; i < accounts; i++) this.order[i] = i;
    prng.shuffle(this.order);
  }

  get remaining(): number {
    return this.order.length - this.next;
  }

  take(): number {
    if (this.next >= this.order.length) throw new Error('AccountDraw: no accounts left');
    return this.order[this.next++]!;
  }
}
