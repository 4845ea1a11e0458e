/** Precision, recall and F1. NaN where undefined: precision of nothing predicted, recall of nothing to find. */
export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * An empty prediction has no precision, and saying 0 would blur "predicted nothing" with
 * "predicted only wrong things", so it is NaN (printed "n/a", null in JSON). F1 is NaN when either
 * side is, and 0 when both are 0.
 */
export function precisionRecall(correct: number, predicted: number, actual: number): PrecisionRecall {
  const precision = predicted > 0 ? correct / predicted : Number.NaN;
  const recall = actual > 0 ? correct / actual : Number.NaN;
  const f1 = Number.isNaN(precision) || Number.isNaN(recall) ? Number.NaN : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
