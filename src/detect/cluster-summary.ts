import type { ClusterFeatures } from './cluster-analysis.js';

/** One sentence an analyst can read: "6 accounts share 2 devices and 1 card; 4 created within 9 days; …". */
export function summariseCluster(f: ClusterFeatures): string {
  const shared = [
    count(f.sharedIdentity, 'identity document'),
    count(f.sharedDevices, 'device'),
    count(f.sharedCards, 'card'),
    count(f.sharedPhones, 'phone'),
    count(f.sharedEmails, 'email'),
    count(f.sharedAddresses, 'address', 'addresses'),
    count(f.sharedIps, 'IP'),
    count(f.sharedOther, 'other identifier'),
  ].filter((s) => s !== '');
  const parts = [`${f.size} accounts share ${shared.length > 0 ? joinAnd(shared) : 'no identifiers'}`];
  if (f.burstMembers >= 2) parts.push(`${f.burstMembers} created within ${Math.max(1, f.burstDays)} day${f.burstDays > 1 ? 's' : ''}`);
  if (f.chargebackMembers > 0) parts.push(`${f.chargebackMembers} with chargebacks (${f.chargebacks} of ${f.transactions} transactions)`);
  if (f.internalTransfers > 0) parts.push(`${f.internalTransfers} transfers between members${f.transferCycle ? ', in a cycle' : ''}`);
  if (f.knownFraudMembers > 0) parts.push(`${f.knownFraudMembers} already blacklisted`);
  if (f.legitMembers > 0) parts.push(`${f.legitMembers} cleared as legitimate`);
  if (f.hubLinks > 0) parts.push(`${f.hubLinks} links to hubs not counted`);
  return parts.join('; ');
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return n === 0 ? '' : `${n} ${n === 1 ? singular : plural}`;
}

function joinAnd(items: string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
