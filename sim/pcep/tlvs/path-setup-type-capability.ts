/**
 * PATH-SETUP-TYPE-CAPABILITY TLV, RFC 8408 §3 (carried in the OPEN object): the path setup
 * types a speaker supports, followed by per-PST sub-TLVs (RFC 8664 §4.1.2 SR-PCE-CAPABILITY,
 * RFC 9050 PCECC-CAPABILITY, RFC 9603 SRv6-PCE-CAPABILITY).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=34            |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   Reserved                    |  Num of PSTs  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     PST#1     |      ...      |     PST#N     |    Padding    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                 Optional sub-TLVs (variable)                //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The PST list is padded to 4 bytes inside the value (Length counts the padding, as it must
 * for any sub-TLV to follow); the padding must be zero, since nothing keeps other octets.
 * Reserved is ignored on receipt and written as zero. Sub-TLVs go through the TLV registry:
 * their type space (IANA "PATH-SETUP-TYPE-CAPABILITY Sub-TLV Type Indicators") shares 26 with
 * SR-PCE-CAPABILITY, so that one decodes by name; other sub-TLVs re-encode byte for byte.
 */
import { checkUint, expectMinLength, malformed, type TlvDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { pad4 } from '../wire.ts';
import type { Tlv } from './registry.ts';

export interface PathSetupTypeCapabilityTlv {
  readonly kind: 'PATH-SETUP-TYPE-CAPABILITY';
  /** The supported Path Setup Types in wire order (0 RSVP-TE, 1 SR, 2 PCECC, 3 SRv6, ...). */
  psts: number[];
  /** The sub-TLVs after the PST list, in wire order (empty when none). */
  subTlvs: Tlv[];
}

export const pathSetupTypeCapability: TlvDefinition<PathSetupTypeCapabilityTlv> = {
  type: 34,
  kind: 'PATH-SETUP-TYPE-CAPABILITY',
  rfc: 'RFC 8408 §3',
  decode(b, start, end, nested) {
    expectMinLength(start, end, 4, 'PATH-SETUP-TYPE-CAPABILITY');
    const count = b[start + 3] as number;
    const listEnd = start + 4 + count;
    const paddedEnd = start + 4 + pad4(count);
    // RFC 8408 §3: Num of PSTs entries, padded to a 4-byte boundary, then the sub-TLVs.
    if (paddedEnd > end) {
      malformed(
        `Num of PSTs ${count} (padded ${pad4(count)} bytes) overruns the ${end - start}-byte value`,
        start + 3,
      );
    }
    const psts: number[] = [];
    for (let at = start + 4; at < listEnd; at++) psts.push(b[at] as number);
    for (let at = listEnd; at < paddedEnd; at++) {
      if (b[at] !== 0) malformed('PST list padding is not zero', at);
    }
    return { kind: 'PATH-SETUP-TYPE-CAPABILITY', psts, subTlvs: nested.decode(b, paddedEnd, end) as Tlv[] };
  },
  encode(w, tlv, nested) {
    const psts = tlv.psts;
    if (!Array.isArray(psts) || psts.length > 255) {
      throw new PcepEncodeError('must be an array of at most 255 PSTs', 'psts', psts);
    }
    w.u24(0);
    w.u8(psts.length);
    const from = w.pos;
    for (let k = 0; k < psts.length; k++) w.u8(checkUint(psts[k], 255, `psts[${k}]`));
    w.padFrom(from);
    nested.encode(w, tlv.subTlvs ?? [], 'subTlvs');
  },
};
