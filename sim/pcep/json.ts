/**
 * JSON form of decoded PCEP values, as `pcelab decode` prints and `pcelab encode` reads them.
 * Plain JSON plus two tagged forms for what JSON lacks: opaque bytes as `{"$bytes": "0a0b"}`
 * and 64-bit integers as `{"$u64": "12345"}`. Everything else is the decoded value as is.
 */

/** A JSON text that could not be read, with the 1-based column where reading stopped. */
export class PcepJsonError extends Error {
  override readonly name = 'PcepJsonError';
  constructor(
    readonly reason: string,
    readonly column: number | undefined,
  ) {
    super(column === undefined ? reason : `column ${column}: ${reason}`);
  }
}

function hexOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += ((b[i] as number) < 16 ? '0' : '') + (b[i] as number).toString(16);
  return s;
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: hexOf(value) };
  if (typeof value === 'bigint') return { $u64: value.toString() };
  return value;
}

/** One line of JSON for a decoded value (message, object, TLV, ...). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

function revive(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => revive(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$bytes') {
    const hex = o.$bytes;
    if (typeof hex !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(hex)) {
      throw new PcepJsonError(`${path}: $bytes must be a string of hex digit pairs`, undefined);
    }
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  if (keys.length === 1 && keys[0] === '$u64') {
    const text = o.$u64;
    if (typeof text !== 'string' || !/^[0-9]{1,20}$/.test(text) || BigInt(text) > 0xffffffffffffffffn) {
      throw new PcepJsonError(
        `${path}: $u64 must be a decimal string of a 64-bit unsigned integer`,
        undefined,
      );
    }
    return BigInt(text);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    // No PCEP field is called __proto__; assigning it would replace the object's prototype.
    if (k === '__proto__')
      throw new PcepJsonError(`${path === '' ? '' : `${path}.`}__proto__: not a field`, undefined);
    out[k] = revive(o[k], path === '' ? k : `${path}.${k}`);
  }
  return out;
}

/** Parses one JSON text into a value for the encoder. Throws PcepJsonError. */
export function fromJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(reason);
    throw new PcepJsonError(`not JSON: ${reason}`, m ? Number(m[1]) + 1 : undefined);
  }
  return revive(parsed, '');
}
