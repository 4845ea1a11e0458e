import type { Availability } from '../detect/model-terms.js';
import type { TableStats } from '../snapshot/snapshot.js';
import type { FileHead } from './file-head.js';
import type { TableGuess } from './guess-table.js';
import type { KindProfile } from './kind-profile.js';
import type { FileSample } from './sample-folder.js';
import type { SuggestedMap } from './suggest-map.js';

/** What `inspect` found in a snapshot folder (pipelines/inspect.ts), before any run. */
export interface InspectedFile {
  head: FileHead;
  sample: FileSample;
  guess: TableGuess;
  /** the tables the load read it as, with their rows */
  tables: TableStats[];
}

export interface Inspection {
  input: string;
  files: InspectedFile[];
  /** why the snapshot could not be loaded as it stands (no mapping, a bad one): the rest is then empty */
  loadError: string | null;
  accounts: number;
  cardLikeAccountIds: number;
  accountIdsAreKeys: boolean;
  kinds: KindProfile[];
  hubMinAccounts: number;
  available: Availability | null;
  disabledTerms: string[];
  rejects: { total: number; byReason: Array<{ table: string; reason: string; rows: number }> };
  maxRejectShare: number;
  /** whether card tokens are the run's (its key was set) or made with a key of this inspection only */
  tokens: 'run' | 'development' | 'one-off';
  suggestion: SuggestedMap;
  ms: number;
}

