/**
 * Random stream ids. Each planning step and each kind of entity draws from its own stream
 * (Prng.from(seed, stream, index...)), so changing how one step draws leaves the others as they were.
 */
export const Stream = {
  planAccounts: 1,
  planDraw: 2,
  planRings: 3,
  planFamilies: 4,
  planHouseholds: 5,
  planHubs: 6,
  planCoincidences: 7,
  planThin: 8,
  planCarrierPool: 9,
  planOnboarding: 10,
  planResellers: 11,
  planP2pGroups: 12,
  account: 20,
  accountTransactions: 21,
  sharedValue: 30,
  sharedSpelling: 31,
  uniqueNumbers: 40,
} as const;
