import type { Availability } from '../../detect/model-terms.js';
import type { TableStats } from '../../snapshot/snapshot.js';
import type { PartFolders } from './write-parts.js';

/**
 * What a streamed load (loadToParts) keeps for the rest of the night: the Parquet parts the Spark
 * job reads, and the few whole-snapshot facts the steps after need. Links, identifier values and
 * transactions are in the parts only.
 */
export interface PartsLoad {
  parts: PartFolders;
  /** kind names by kind id, as the parts' kind columns count them */
  kinds: string[];
  accounts: {
    ids: string[];
    /** 1 known fraud, -1 cleared as legit, 0 unknown */
    label: Int8Array;
    /** 1 where the label is a reviewer's approval (set once decisions are read) */
    approved?: Uint8Array;
  };
  tables: TableStats[];
  placeholderRows: number;
  /** the numbers snapshotCounts gives for the same snapshot loaded whole, less the distinct identifiers (the Spark job counts them) */
  counts: Record<string, number>;
  /** what availability(snapshot) gives for the same snapshot loaded whole */
  available: Availability;
}
