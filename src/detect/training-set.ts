/** Training rows: term values (row-major, fixed terms left out), labels, and sample weights. */
export interface TrainingSet {
  x: Float64Array;
  /** 1 known fraud, 0 anything else (unlabelled or cleared) */
  y: Uint8Array;
  /** 1 for accounts in a community (only they can become candidates) */
  grouped: Uint8Array;
  weight: Float64Array;
  fold: Uint8Array;
  rows: number;
}
