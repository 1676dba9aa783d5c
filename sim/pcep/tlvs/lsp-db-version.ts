/**
 * LSP-DB-VERSION TLV, RFC 8232 §3.3.1 (carried in the OPEN object and in the LSP object of a
 * PCRpt): the version of the sender's LSP state database, used to skip or shorten state
 * synchronization.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=23            |            Length=8           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 LSP State DB Version Number                   |
 *  |                         (64 bits)                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { expectLength, type TlvDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU64 } from '../wire.ts';

const U64_MAX = 0xffff_ffff_ffff_ffffn;

export interface LspDbVersionTlv {
  readonly kind: 'LSP-DB-VERSION';
  /** The LSP State DB Version Number (unsigned 64-bit). */
  lspDbVersion: bigint;
}

export const lspDbVersion: TlvDefinition<LspDbVersionTlv> = {
  type: 23,
  kind: 'LSP-DB-VERSION',
  rfc: 'RFC 8232 §3.3.1',
  decode(b, start, end) {
    expectLength(start, end, 8, 'LSP-DB-VERSION');
    return { kind: 'LSP-DB-VERSION', lspDbVersion: readU64(b, start) };
  },
  encode(w, tlv) {
    const v = tlv.lspDbVersion;
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) {
      throw new PcepEncodeError('must be a bigint from 0 to 2^64-1', 'lspDbVersion', v);
    }
    w.u64(v);
  },
};
