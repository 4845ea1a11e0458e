import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { asUnwritable, DamagedStateError, InputError } from '../errors.js';
import { appendWhole } from '../io/append-whole.js';
import { readOptionalText } from '../io/optional-file.js';
import { parseNdjsonLines } from '../io/ndjson-lines.js';
import { crashPoint } from '../run/crash-point.js';
import { DecisionSchema, type Decision } from './decision.js';
import { withDecisionLock } from './decision-lock.js';

/** Where a repair of the log is reported (the nightly's logger; stderr for the review commands). */
export interface RepairWarnings {
  warn(details: object, message: string): void;
}

const stderrWarnings: RepairWarnings = {
  warn: (details, message) => process.stderr.write(`fraud-rings: warning: ${message} (${Object.entries(details).map(([k, v]) => `${k} ${String(v)}`).join(', ')})\n`),
};

export interface ReadDecisionsOptions {
  warnings?: RepairWarnings;
  /** the caller holds the decision lock already (a repair must, since it rewrites the log's end) */
  locked?: boolean;
}

export function decisionLogPath(stateDir: string): string {
  return join(stateDir, 'review', 'decisions.ndjson');
}

/**
 * The review decisions of a state folder, oldest first: `review/decisions.ndjson`, one decision a
 * line, only ever appended to. An account's current decision is its last line; the lines before
 * it are its history.
 */
export class DecisionLog {
  readonly current: ReadonlyMap<string, Decision>;

  private constructor(
    readonly path: string,
    readonly entries: readonly Decision[],
  ) {
    const current = new Map<string, Decision>();
    for (const d of entries) current.set(d.accountId, d);
    this.current = current;
  }

  /**
   * A missing log is an empty one: nothing decided yet. Every line but the last must be a valid
   * decision (else DamagedStateError, exit 7, naming the line). A last line without its newline
   * is what a crash or a full disk leaves: when it is a whole decision, the newline is added;
   * otherwise the cut line is moved to `decisions.ndjson.damaged-<time>` and the log truncated
   * before it. Either repair is logged as a warning and happens under the decision lock.
   */
  static async read(stateDir: string, options: ReadDecisionsOptions = {}): Promise<DecisionLog> {
    const path = decisionLogPath(stateDir);
    const text = await readOptionalText(path);
    if (text === null) return new DecisionLog(path, []);
    const end = text.lastIndexOf('\n') + 1;
    const entries = parseWholeLines(text.slice(0, end), path);
    const tail = text.slice(end);
    if (tail === '') return new DecisionLog(path, entries);
    if (!options.locked) return withDecisionLock(stateDir, () => DecisionLog.read(stateDir, { ...options, locked: true }));
    const last = wholeDecision(tail);
    await repairTail(path, text, end, last, options.warnings ?? stderrWarnings);
    return new DecisionLog(path, last ? [...entries, last] : entries);
  }

  /**
   * True when `accountId` stood approved at the moment `decision` was recorded: its last decision
   * in a line before `decision`'s line was an approval. What a reviewer knew then.
   */
  approvedWhen(decision: Decision, accountId: string): boolean {
    const at = this.lineOf().get(decision);
    if (at === undefined) return false;
    let approved = false;
    for (const [line, kind] of this.byAccount().get(accountId) ?? []) {
      if (line >= at) break;
      approved = kind === 'approve';
    }
    return approved;
  }

  private lines?: Map<Decision, number>;
  private accounts?: Map<string, Array<[number, Decision['decision']]>>;

  private lineOf(): Map<Decision, number> {
    this.lines ??= new Map(this.entries.map((d, i) => [d, i]));
    return this.lines;
  }

  private byAccount(): Map<string, Array<[number, Decision['decision']]>> {
    if (!this.accounts) {
      this.accounts = new Map();
      this.entries.forEach((d, i) => {
        const list = this.accounts!.get(d.accountId) ?? [];
        list.push([i, d.decision]);
        this.accounts!.set(d.accountId, list);
      });
    }
    return this.accounts;
  }

  /** Every decision on the account, oldest first. */
  historyOf(accountId: string): Decision[] {
    return this.entries.filter((d) => d.accountId === accountId);
  }
}

/** Parses the log's text; a line that is not a valid decision is an InputError naming the line. */
export function parseDecisionLines(text: string, path: string): Decision[] {
  return parseNdjsonLines(text, path, DecisionSchema, 'a valid decision');
}

/** The log's newline-terminated lines: a bad one among them is damage no repair may guess at. */
function parseWholeLines(text: string, path: string): Decision[] {
  try {
    return parseDecisionLines(text, path);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new DamagedStateError(`${err.message}; the decision log is damaged before its last line: move that line out of the file (keep a copy) or restore the file from a backup, then rerun`, { cause: err });
  }
}

function wholeDecision(line: string): Decision | null {
  try {
    const parsed = DecisionSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function repairTail(path: string, text: string, end: number, last: Decision | null, warnings: RepairWarnings): Promise<void> {
  try {
    if (last) {
      await appendWhole(path, '\n');
      warnings.warn({ log: path }, 'the decision log\'s last line had lost its newline; it was added');
      return;
    }
    const damaged = `${path}.damaged-${new Date().toISOString().replace(/[-:]/g, '')}`;
    await writeFile(damaged, text.slice(end), { flag: 'wx', mode: 0o640 });
    await truncate(path, Buffer.byteLength(text.slice(0, end), 'utf8'));
    warnings.warn({ log: path, movedTo: damaged }, 'the decision log ended in a cut line (a crash or a full disk while deciding); it was moved out of the log');
  } catch (err) {
    throw asUnwritable(err, 'the decision log needs a repair') ?? err;
  }
}

/**
 * Appends decisions as whole lines in one write (appendWhole: O_APPEND, fsync, truncated back on
 * a failure), so the log never ends in a partial line. Callers that check before appending hold
 * the decision lock, and have read (and so repaired) the log under it.
 */
export async function appendDecisions(stateDir: string, decisions: readonly Decision[]): Promise<void> {
  if (decisions.length === 0) return;
  const path = decisionLogPath(stateDir);
  const text = decisions.map((d) => `${JSON.stringify(DecisionSchema.parse(d))}\n`).join('');
  try {
    await mkdir(dirname(path), { recursive: true });
    crashPoint('decision-append');
    await appendWhole(path, text);
  } catch (err) {
    throw asUnwritable(err, 'the decision cannot be recorded') ?? err;
  }
}
