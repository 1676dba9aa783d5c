/** Trace sinks: memory filtering, NDJSON chunking, and a hash that tells runs apart. */
import { describe, expect, it } from 'vitest';
import { HashTraceSink, MemoryTraceSink, NdjsonTraceSink, Trace, traceLine } from '../../sim/core/trace.ts';

describe('Trace', () => {
  it('is off until a sink is added', () => {
    const t = new Trace();
    expect(t.on).toBe(false);
    const m = new MemoryTraceSink();
    t.add(m);
    expect(t.on).toBe(true);
    t.remove(m);
    expect(t.on).toBe(false);
  });

  it('memory sink keeps the kinds asked for', () => {
    const t = new Trace();
    const m = new MemoryTraceSink(new Set(['link.down']));
    t.add(m);
    t.emit({ timeUs: 1, kind: 'pcep.tx', node: 'a' });
    t.emit({ timeUs: 2, kind: 'link.down', link: 'a-b' });
    expect(m.events).toStrictEqual([{ timeUs: 2, kind: 'link.down', link: 'a-b' }]);
  });

  it('NDJSON sink writes whole lines in chunks', () => {
    const chunks: string[] = [];
    const s = new NdjsonTraceSink((c) => chunks.push(c), 40);
    s.write({ timeUs: 1, kind: 'pcep.tx', node: 'pcc1', message: 'Keepalive', bytes: 4 });
    s.write({ timeUs: 2, kind: 'x', v: [1, 'a'] });
    s.flush();
    const text = chunks.join('');
    expect(text).toBe(
      '{"timeUs":1,"kind":"pcep.tx","node":"pcc1","message":"Keepalive","bytes":4}\n{"timeUs":2,"kind":"x","v":[1,"a"]}\n',
    );
    expect(chunks.length).toBe(2);
  });

  it('hash sink: same events same digest, one field changed a different digest', () => {
    const run = (last: number): string => {
      const h = new HashTraceSink();
      for (let i = 0; i < 100; i++) h.write({ timeUs: i, kind: 'k', v: i === 99 ? last : i });
      return h.digest();
    };
    expect(run(99)).toBe(run(99));
    expect(run(98)).not.toBe(run(99));
    expect(run(99)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('traceLine', () => {
  it.each([
    [{ timeUs: 1, kind: 'k', node: 'pcc1', n: 3, ok: true }],
    [{ timeUs: 2, kind: 'k', reason: 'a "quoted"\nreason\\', x: null }],
    [{ timeUs: 3, kind: 'k', v: [1, { a: 'b' }], nan: Number.NaN, gone: undefined }],
    [{ timeUs: 4, kind: 'k', s: '\u2028 line separator', neg: -0.5 }],
  ])('matches JSON.stringify for %o', (event) => {
    expect(traceLine(event)).toBe(JSON.stringify(event));
  });
});

describe('Trace kind selection', () => {
  it('builds only what some sink asked for', () => {
    const t = new Trace();
    const states = new MemoryTraceSink();
    t.add(states, ['session.state']);
    expect([t.wants('session.state'), t.wants('net.tx')]).toStrictEqual([true, false]);
    t.emit({ timeUs: 1, kind: 'net.tx' });
    t.emit({ timeUs: 2, kind: 'session.state' });
    expect(states.events.map((e) => e.kind)).toStrictEqual(['session.state']);
    const all = new MemoryTraceSink();
    t.add(all);
    expect(t.wants('net.tx')).toBe(true);
    t.remove(all);
    expect(t.wants('net.tx')).toBe(false);
  });
});
