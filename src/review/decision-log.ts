import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readOptionalText } from '../io/optional-file.js';
import { parseNdjsonLines } from '../io/ndjson-lines.js';
import { DecisionSchema, type Decision } from './decision.js';

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

  /** A missing log is an empty one: nothing decided yet. */
  static async read(stateDir: string): Promise<DecisionLog> {
    const path = decisionLogPath(stateDir);
    const text = await readOptionalText(path);
    return new DecisionLog(path, text === null ? [] : parseDecisionLines(text, path));
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

/**
 * Appends decisions as whole lines with one `appendFile` (O_APPEND), so lines from two writers
 * never interleave. Callers that check before appending hold the decision lock.
 */
export async function appendDecisions(stateDir: string, decisions: readonly Decision[]): Promise<void> {
  if (decisions.length === 0) return;
  const path = decisionLogPath(stateDir);
  const text = decisions.map((d) => `${JSON.stringify(DecisionSchema.parse(d))}\n`).join('');
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, text, 'utf8');
}
