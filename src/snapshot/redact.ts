import { isPanShaped } from '../normalise/card-number.js';

/** Digit runs that may be card numbers, with the spaces or dashes people type inside them. */
const DIGIT_RUN = /\d(?:[ -]?\d){12,18}/g;

/** Replaces every Luhn-valid 13–19 digit run with a marker, so raw card numbers never reach a file or a log. */
export function redactCardNumbers(text: string): string {
  if (!/\d{4}/.test(text)) return text;
  return text.replace(DIGIT_RUN, (run) => (isPanShaped(run.replace(/[ -]/g, '')) ? '[card number removed]' : run));
}
