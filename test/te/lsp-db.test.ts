/**
 * The stateful PCE's LSP State Database (RFC 8231 §3): records keyed by PCC and PLSP-ID, look-up
 * by name within a PCC, removal and purge (RFC 8231 §5.7.4 state timeout), a listing ordered
 * by PCC then PLSP-ID whatever the insertion order, and per-PCC versions (RFC 8232 §3.2).
 */
import { describe, expect, it } from 'vitest';
import { LspDatabase, LspOperational, type LspRecord } from '../../sim/te/lsp-db.ts';

function record(pcc: string, plspId: number, name: string, extra: Partial<LspRecord> = {}): LspRecord {
  return {
    pcc,
    plspId,
    name,
    src: pcc,
    dst: 'E',
    delegated: false,
    administrative: true,
    operational: LspOperational.up,
    create: false,
    bandwidthBps: 1e6,
    reservedBps: 1e6,
    setupPriority: 7,
    holdPriority: 7,
    metric: 'te',
    excludeLinks: [],
    excludeNodes: [],
    excludeSrlgs: [],
    arcs: [0, 2],
    updatedUs: 0,
    ...extra,
  };
}

const ids = (rs: readonly LspRecord[]): string[] => rs.map((r) => `${r.pcc}/${r.plspId}:${r.name}`);

describe('LspDatabase', () => {
  it('keys records by PCC and PLSP-ID', () => {
    expect(LspDatabase.key('A', 7)).toBe('A/7');
    const db = new LspDatabase();
    expect(db.size).toBe(0);
    const a1 = record('A', 1, 'a-one');
    const b1 = record('B', 1, 'b-one');
    db.upsert(a1);
    db.upsert(b1);
    expect(db.size).toBe(2);
    expect(db.get('A', 1)).toBe(a1);
    expect(db.get('B', 1)).toBe(b1);
    expect(db.get('A', 2)).toBeUndefined();
    expect(db.get('C', 1)).toBeUndefined();
  });

  it('replaces a record on upsert with the same PCC and PLSP-ID', () => {
    const db = new LspDatabase();
    db.upsert(record('A', 1, 'x'));
    const newer = record('A', 1, 'x', {
      operational: LspOperational.down,
      reservedBps: 0,
      arcs: [],
      updatedUs: 5,
    });
    db.upsert(newer);
    expect(db.size).toBe(1);
    expect(db.get('A', 1)).toBe(newer);
    expect(db.byName('A', 'x')).toBe(newer);
  });

  it('finds a record by name only within its PCC', () => {
    const db = new LspDatabase();
    db.upsert(record('A', 1, 'same'));
    db.upsert(record('B', 9, 'same'));
    db.upsert(record('A', 2, 'other'));
    expect(db.byName('B', 'same')?.plspId).toBe(9);
    expect(db.byName('A', 'same')?.plspId).toBe(1);
    expect(db.byName('A', 'other')?.plspId).toBe(2);
    expect(db.byName('B', 'other')).toBeUndefined();
    expect(db.byName('C', 'same')).toBeUndefined();
  });

  it('removes one record and says whether there was one', () => {
    const db = new LspDatabase();
    db.upsert(record('A', 1, 'x'));
    db.upsert(record('A', 2, 'y'));
    expect(db.remove('A', 1)).toBe(true);
    expect(db.remove('A', 1)).toBe(false);
    expect(db.remove('B', 2)).toBe(false);
    expect(ids(db.all())).toStrictEqual(['A/2:y']);
    expect(db.byName('A', 'x')).toBeUndefined();
  });

  it('purges every record of one PCC and counts them, leaving the others', () => {
    const db = new LspDatabase();
    db.upsert(record('A', 1, 'a1'));
    db.upsert(record('B', 1, 'b1'));
    db.upsert(record('A', 2, 'a2'));
    db.upsert(record('AB', 3, 'ab3'));
    expect(db.purgePcc('A')).toBe(2);
    expect(ids(db.all())).toStrictEqual(['AB/3:ab3', 'B/1:b1']);
    expect(db.purgePcc('A')).toBe(0);
    expect(db.purgePcc('nobody')).toBe(0);
    expect(db.size).toBe(2);
  });

  it('lists by PCC name, then by PLSP-ID as a number, whatever the insertion order', () => {
    const db = new LspDatabase();
    const rows: [string, number][] = [
      ['pcc2', 10],
      ['pcc10', 1],
      ['pcc2', 9],
      ['pcc1', 100],
      ['pcc2', 2],
      ['pcc1', 3],
    ];
    for (const [pcc, id] of rows) db.upsert(record(pcc, id, `${pcc}-${id}`));
    const expected = ['pcc1/3', 'pcc1/100', 'pcc10/1', 'pcc2/2', 'pcc2/9', 'pcc2/10'];
    expect(db.all().map((r) => `${r.pcc}/${r.plspId}`)).toStrictEqual(expected);
    const reversed = new LspDatabase();
    for (const [pcc, id] of [...rows].reverse()) reversed.upsert(record(pcc, id, `${pcc}-${id}`));
    expect(reversed.all().map((r) => `${r.pcc}/${r.plspId}`)).toStrictEqual(expected);
    expect(db.byPcc('pcc2').map((r) => r.plspId)).toStrictEqual([2, 9, 10]);
    expect(db.byPcc('pcc3')).toStrictEqual([]);
    // all() is a fresh array: sorting it again or changing it does not touch the database.
    db.all().pop();
    expect(db.all()).toHaveLength(6);
  });

  it('keeps one LSP-DB-VERSION per PCC, apart from the records (RFC 8232 §3.2)', () => {
    const db = new LspDatabase();
    expect(db.version('A')).toBeUndefined();
    db.setVersion('A', 1n);
    db.setVersion('B', 0xffff_ffff_ffff_ffffn);
    expect(db.version('A')).toBe(1n);
    expect(db.version('B')).toBe(0xffff_ffff_ffff_ffffn);
    db.setVersion('A', 2n);
    expect(db.version('A')).toBe(2n);
    db.setVersion('A', undefined);
    expect(db.version('A')).toBeUndefined();
    expect(db.version('B')).toBe(0xffff_ffff_ffff_ffffn);
    // A purge forgets the records only: the caller drops the version it no longer backs.
    db.upsert(record('B', 1, 'b'));
    db.purgePcc('B');
    expect(db.version('B')).toBe(0xffff_ffff_ffff_ffffn);
  });

  it('clears records and versions together', () => {
    const db = new LspDatabase();
    db.upsert(record('A', 1, 'x'));
    db.setVersion('A', 4n);
    db.clear();
    expect(db.size).toBe(0);
    expect(db.all()).toStrictEqual([]);
    expect(db.version('A')).toBeUndefined();
    expect(db.get('A', 1)).toBeUndefined();
  });

  it('numbers the RFC 8231 §7.3 operational states as the O field does', () => {
    expect(LspOperational).toStrictEqual({ down: 0, up: 1, active: 2, goingDown: 3, goingUp: 4 });
  });
});
