/**
 * A stateful PCE's LSP State Database (RFC 8231 §3, RFC 8051 §2): every LSP its PCCs report,
 * keyed by PCC and PLSP-ID, with the attributes path computation needs (bandwidth, priorities,
 * path) and the delegation state. Per-PCC version numbers follow RFC 8232 §3.2.
 */

/** RFC 8231 §7.3 LSP object O field. */
export const LspOperational = { down: 0, up: 1, active: 2, goingDown: 3, goingUp: 4 } as const;

export interface LspRecord {
  pcc: string;
  plspId: number;
  name: string;
  src: string;
  dst: string;
  delegated: boolean;
  administrative: boolean;
  operational: number;
  /** RFC 8281 C flag: created by a PCE. */
  create: boolean;
  /** Bandwidth the LSP wants (intended attributes). */
  bandwidthBps: number;
  /** Bandwidth it holds now (actual attributes); 0 when down. */
  reservedBps: number;
  setupPriority: number;
  holdPriority: number;
  /** The rest of its constraints, as the PCC sent them. */
  metric: 'igp' | 'te';
  maxHops?: number;
  excludeLinks: readonly string[];
  excludeNodes: readonly string[];
  excludeSrlgs: readonly number[];
  /** The path it is up on (from the RRO), as arcs; empty when down. */
  arcs: readonly number[];
  /** The path it was on before it went down, if it went down. */
  lastArcs?: readonly number[];
  /** Name of the working LSP this one protects, when it is a backup. */
  backupOf?: string;
  updatedUs: number;
}

export class LspDatabase {
  private readonly records = new Map<string, LspRecord>();
  private readonly versions = new Map<string, bigint>();
  /** Bumped on every change of the records, so views built from them can be cached. */
  revision = 0;

  static key(pcc: string, plspId: number): string {
    return `${pcc}/${plspId}`;
  }

  get size(): number {
    return this.records.size;
  }

  get(pcc: string, plspId: number): LspRecord | undefined {
    return this.records.get(LspDatabase.key(pcc, plspId));
  }

  byName(pcc: string, name: string): LspRecord | undefined {
    for (const r of this.records.values()) if (r.pcc === pcc && r.name === name) return r;
    return undefined;
  }

  /** A record by its key (`pcc/plspId`). */
  getByKey(key: string): LspRecord | undefined {
    return this.records.get(key);
  }

  /** Every record in insertion order (for sums; use all() when order decides anything). */
  values(): IterableIterator<LspRecord> {
    return this.records.values();
  }

  upsert(record: LspRecord): void {
    this.revision++;
    this.records.set(LspDatabase.key(record.pcc, record.plspId), record);
  }

  remove(pcc: string, plspId: number): boolean {
    this.revision++;
    return this.records.delete(LspDatabase.key(pcc, plspId));
  }

  /** Forgets everything a PCC reported (its state timed out, RFC 8231 §5.7.2). */
  purgePcc(pcc: string): number {
    let removed = 0;
    this.revision++;
    for (const [key, r] of [...this.records]) {
      if (r.pcc === pcc) {
        this.records.delete(key);
        removed++;
      }
    }
    return removed;
  }

  /** Every record, ordered by PCC name then PLSP-ID (never by insertion accident). */
  all(): LspRecord[] {
    return [...this.records.values()].sort((x, y) =>
      x.pcc < y.pcc ? -1 : x.pcc > y.pcc ? 1 : x.plspId - y.plspId,
    );
  }

  byPcc(pcc: string): LspRecord[] {
    return this.all().filter((r) => r.pcc === pcc);
  }

  /** RFC 8232 §3.2: the LSP State Database version for a PCC, as last reported. */
  version(pcc: string): bigint | undefined {
    return this.versions.get(pcc);
  }

  setVersion(pcc: string, version: bigint | undefined): void {
    if (version === undefined) this.versions.delete(pcc);
    else this.versions.set(pcc, version);
  }

  clear(): void {
    this.revision++;
    this.records.clear();
    this.versions.clear();
  }
}
