/**
 * Evidence classes of identifier kinds: what sharing one value across distinct accounts says
 * before a snapshot is measured. Identity documents are close to conclusive, devices and payment
 * instruments strong, contact details medium, places weak; kinds the config does not name are `other`.
 */
export const KindClass = ['identity', 'instrument', 'contact', 'place', 'other'] as const;
export type KindClass = (typeof KindClass)[number];
