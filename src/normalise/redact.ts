import { replaceCardNumbers } from './card-numbers-in-text.js';

/**
 * Replaces every card number (see card-numbers-in-text.ts) with a marker: the last line of
 * defence for text that reaches a file or a log without the run's keyed tokens (messages,
 * notes, rejects written without a key).
 */
export function redactCardNumbers(text: string): string {
  return replaceCardNumbers(text, () => '[card number removed]');
}
