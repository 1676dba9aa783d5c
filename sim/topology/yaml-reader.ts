/**
 * Reading a YAML input file field by field, so that every problem names the file, the line and
 * the field path (`links[3].capacityBps`). The topology and scenario loaders share it; each
 * passes the constructor of its own error type. Mappings take only the keys a caller allows, so a
 * typo in a field name is an error, never a silent fall back to a default.
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
  type YAMLMap,
} from 'yaml';

/** Builds the loader's own error type (TopologyError, ScenarioError) from where and what. */
export type InputErrorFactory = (file: string, line: number, field: string, reason: string) => Error;

/** A key of a mapping with its value; the key node gives the line when the value is at fault. */
export interface YamlEntry {
  key: YamlNode;
  value: YamlNode | null;
}

export type YamlEntries = Map<string, YamlEntry>;

/** `parent.key`, or `key` at the top level. */
export const fieldPath = (parent: string, key: string): string => (parent === '' ? key : `${parent}.${key}`);

export class YamlReader {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
    private readonly makeError: InputErrorFactory,
  ) {}

  /** 1-based line where a node starts, 0 when it has no position (e.g. an absent value). */
  line(node: unknown): number {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range === undefined ? 0 : this.lines.linePos(range[0]).line;
  }

  /** Offset of a node in the text, for ordering values as they appear in the file. */
  offset(node: unknown): number {
    return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0] ?? 0;
  }

  fail(node: unknown, field: string, reason: string): never {
    throw this.makeError(this.file, this.line(node), field, reason);
  }

  /** A mapping with only `allowed` keys; returns its entries by key, with the key nodes. */
  map(node: unknown, field: string, allowed: readonly string[]): YamlEntries {
    if (!isMap(node)) this.fail(node, field, 'expected a mapping (key: value lines)');
    const out: YamlEntries = new Map();
    for (const pair of (node as YAMLMap).items) {
      const key = pair.key as YamlNode;
      const name = isScalar(key) ? String(key.value) : '';
      const at = fieldPath(field, name);
      if (!allowed.includes(name))
        this.fail(key, at, `unknown field (expected one of: ${allowed.join(', ')})`);
      if (out.has(name)) this.fail(key, at, 'given twice');
      out.set(name, { key, value: (pair.value as YamlNode | null) ?? null });
    }
    return out;
  }

  seq(node: unknown, field: string): YamlNode[] {
    if (!isSeq(node)) this.fail(node, field, 'expected a list (lines starting with -)');
    return node.items as YamlNode[];
  }

  scalar(node: unknown, field: string): unknown {
    if (!isScalar(node)) this.fail(node, field, 'expected a single value');
    return node.value;
  }

  string(node: unknown, field: string): string {
    const v = this.scalar(node, field);
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
    return this.fail(node, field, 'expected a name or number');
  }

  /**
   * A name that travels in traces, keys and PCEP (SYMBOLIC-PATH-NAME): 1 to 64 letters, digits
   * and '_', '.', ':', '-', starting with a letter or digit.
   */
  identifier(node: unknown, field: string): string {
    const v = this.string(node, field);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(v)) {
      this.fail(
        node,
        field,
        `'${v.length > 40 ? `${v.slice(0, 40)}...` : v}' is not a name: use 1-64 letters, digits, '_', '.', ':' or '-'`,
      );
    }
    return v;
  }

  /** A number within bounds: `min`/`max` inclusive, `above` exclusive. */
  number(
    node: unknown,
    field: string,
    opts: { integer?: boolean; min?: number; max?: number; above?: number },
  ): number {
    const v = this.scalar(node, field);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(node, field, 'expected a number');
    if (opts.integer && !Number.isInteger(v)) this.fail(node, field, 'expected a whole number');
    if (opts.min !== undefined && v < opts.min) this.fail(node, field, `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) this.fail(node, field, `must be at most ${opts.max}`);
    if (opts.above !== undefined && !(v > opts.above))
      this.fail(node, field, `must be more than ${opts.above}`);
    return v;
  }

  boolean(node: unknown, field: string): boolean {
    const v = this.scalar(node, field);
    if (typeof v !== 'boolean') this.fail(node, field, 'expected true or false');
    return v;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(node: unknown, field: string, choices: readonly T[]): T {
    const v = this.string(node, field);
    if (!(choices as readonly string[]).includes(v))
      this.fail(node, field, `'${v}' is not one of: ${choices.join(', ')}`);
    return v as T;
  }

  required<T>(
    entries: YamlEntries,
    key: string,
    owner: unknown,
    field: string,
    read: (n: unknown, f: string) => T,
  ): T {
    const e = entries.get(key);
    if (e === undefined) this.fail(owner, fieldPath(field, key), 'missing');
    return read(e.value, fieldPath(field, key));
  }

  optional<T>(
    entries: YamlEntries,
    key: string,
    field: string,
    read: (n: unknown, f: string) => T,
  ): T | undefined {
    const e = entries.get(key);
    return e === undefined ? undefined : read(e.value, fieldPath(field, key));
  }
}

/**
 * Parses YAML text and returns its top-level node with a reader for it. Throws the factory's
 * error for text that is not YAML (at the line of the first syntax error) and for an empty file.
 */
export function readYamlDocument(
  text: string,
  file: string,
  makeError: InputErrorFactory,
): { root: YamlNode; reader: YamlReader } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0] as { pos: [number, number]; message: string };
    throw makeError(file, lines.linePos(e.pos[0]).line, '', `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  if (doc.contents === null) throw makeError(file, 0, '', 'the file is empty');
  return { root: doc.contents, reader: new YamlReader(file, lines, makeError) };
}
