import { UserError } from '../errors.js';
import { redactCardNumbers } from '../normalise/redact.js';

/** Longest reviewer name and note a decision takes (README, "Limits"). */
export const MAX_REVIEWER_LENGTH = 100;
export const MAX_NOTE_LENGTH = 2000;

// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators: a newline in
// a name or a note would forge lines in `review show` and in the table view.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The reviewer name, trimmed; a usage error when empty, too long or holding control characters. */
export function checkReviewer(raw: string): string {
  const by = raw.trim();
  if (by === '') throw new UserError('a decision needs a reviewer name (--by)');
  if (CONTROL.test(by)) throw new UserError('the reviewer name (--by) must not contain control characters (newlines, tabs, escapes)');
  if (by.length > MAX_REVIEWER_LENGTH) throw new UserError(`the reviewer name (--by) is longer than ${MAX_REVIEWER_LENGTH} characters`);
  return by;
}

/** The note, trimmed, with card numbers removed; a usage error when too long or holding control characters. */
export function checkNote(raw: string): string {
  const note = raw.trim();
  if (CONTROL.test(note)) throw new UserError('the note (--note) must not contain control characters (newlines, tabs, escapes)');
  if (note.length > MAX_NOTE_LENGTH) throw new UserError(`the note (--note) is ${note.length} characters, more than the limit of ${MAX_NOTE_LENGTH}`);
  return redactCardNumbers(note);
}
