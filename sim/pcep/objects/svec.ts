/**
 * SVEC (Synchronization VECtor) object, RFC 5440 §7.13.2 (Object-Class 11, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Reserved    |                  Flags                  |S|N|L|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Request-ID-number #1                      |
 *  //                             ...                             //
 *  |                     Request-ID-number #M                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * No TLVs: after the flags word the body is only Request-ID-numbers, at least one (a vector
 * synchronizing no request is refused as malformed). RFC 8306 (D, P) and RFC 8685 (O) flags
 * stay in `otherFlags`.
 */
import { checkUint, expectMinLength, malformed, otherBits, type ObjectDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU32 } from '../wire.ts';

const L = 0x01;
const N = 0x02;
const S = 0x04;
const KNOWN = L | N | S;

export interface SvecObject {
  readonly kind: 'SVEC';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** L: the paths must be link diverse. */
  linkDiverse: boolean;
  /** N: the paths must be node diverse. */
  nodeDiverse: boolean;
  /** S: the paths must be SRLG diverse. */
  srlgDiverse: boolean;
  /** The other bits of the 24-bit Flags field; absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  /** The requests (RP Request-ID-numbers) to compute together, at least one. */
  requestIdNumbers: number[];
}

export const svecObject: ObjectDefinition<SvecObject> = {
  objectClass: 11,
  objectType: 1,
  kind: 'SVEC',
  className: 'SVEC',
  rfc: 'RFC 5440 §7.13.2',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 8, 'SVEC object body');
    if (((end - start) & 3) !== 0) malformed('SVEC body is not whole 32-bit words', start);
    const reserved = b[start] as number;
    const flags = readU32(b, start) & 0xffffff;
    const requestIdNumbers: number[] = [];
    for (let at = start + 4; at < end; at += 4) requestIdNumbers.push(readU32(b, at));
    const o: SvecObject = {
      kind: 'SVEC',
      p,
      i,
      linkDiverse: (flags & L) !== 0,
      nodeDiverse: (flags & N) !== 0,
      srlgDiverse: (flags & S) !== 0,
      requestIdNumbers,
    };
    if ((flags & ~KNOWN) !== 0) o.otherFlags = flags & ~KNOWN;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    w.u24(
      (o.linkDiverse ? L : 0) |
        (o.nodeDiverse ? N : 0) |
        (o.srlgDiverse ? S : 0) |
        otherBits(o.otherFlags, 0xffffff & ~KNOWN, 'otherFlags'),
    );
    const ids = o.requestIdNumbers;
    if (!Array.isArray(ids) || ids.length === 0) {
      throw new PcepEncodeError('must list at least one Request-ID-number', 'requestIdNumbers', ids);
    }
    for (let k = 0; k < ids.length; k++) w.u32(checkUint(ids[k], 0xffffffff, `requestIdNumbers[${k}]`));
  },
};
