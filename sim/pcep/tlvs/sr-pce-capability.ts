/**
 * SR-PCE-CAPABILITY, RFC 8664 §4.1.2: a sub-TLV of PATH-SETUP-TYPE-CAPABILITY (RFC 8408) for
 * PST 1 (SR), and the same body as the deprecated OPEN-object TLV of type 26 that early
 * implementations send. Flag bits from the IANA "SR Capability Flag Field" registry.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=26            |            Length=4           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Reserved           |   Flags   |N|X|      MSD      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The Reserved octets and the Flags octet are one 24-bit flags word here: every bit other than
 * N and X, reserved or unassigned, is kept in `otherFlags` so unusual bytes re-encode exactly.
 */
import { checkUint, expectLength, otherBits, type TlvDefinition } from '../definition.ts';
import { PcErr } from '../error-codes.ts';
import { PcepDecodeError } from '../errors.ts';
import { readU24 } from '../wire.ts';

const X = 0x01; // Unlimited Maximum SID Depth (bit 7 of Flags)
const N = 0x02; // NAI is supported (bit 6 of Flags)
const KNOWN = N | X;
const OTHER = 0xffffff & ~KNOWN;

export interface SrPceCapabilityTlv {
  readonly kind: 'SR-PCE-CAPABILITY';
  /** N: the PCE can resolve a Node or Adjacency Identifier (NAI) to a SID. */
  naiSupported: boolean;
  /** X: the PCC imposes no limit on the SID depth (MSD is then meaningless). */
  unlimitedMsd: boolean;
  /** Maximum SID Depth: how many SIDs (MPLS labels) the PCC can impose. */
  msd: number;
  /** Other bits of the Reserved and Flags octets (24 bits); absent when zero. */
  otherFlags?: number;
}

export const srPceCapability: TlvDefinition<SrPceCapabilityTlv> = {
  type: 26,
  kind: 'SR-PCE-CAPABILITY',
  rfc: 'RFC 8664 §4.1.2',
  decode(b, start, end) {
    expectLength(start, end, 4, 'SR-PCE-CAPABILITY');
    const flags = readU24(b, start);
    const msd = b[start + 3] as number;
    // RFC 8664 §4.1.2: with X clear the MSD must be nonzero (PCErr 10/21).
    if (msd === 0 && (flags & X) === 0) {
      throw new PcepDecodeError(
        'SR-PCE-CAPABILITY has MSD 0 without the X flag',
        start,
        PcErr.msdMustBeNonzero,
      );
    }
    const tlv: SrPceCapabilityTlv = {
      kind: 'SR-PCE-CAPABILITY',
      naiSupported: (flags & N) !== 0,
      unlimitedMsd: (flags & X) !== 0,
      msd,
    };
    if ((flags & OTHER) !== 0) tlv.otherFlags = flags & OTHER;
    return tlv;
  },
  encode(w, tlv) {
    w.u24(
      (tlv.naiSupported ? N : 0) |
        (tlv.unlimitedMsd ? X : 0) |
        otherBits(tlv.otherFlags, OTHER, 'otherFlags'),
    );
    w.u8(checkUint(tlv.msd, 255, 'msd'));
  },
};
