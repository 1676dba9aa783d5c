/**
 * VENDOR-INFORMATION TLV, RFC 7470 §4 (IANA "VENDOR-INFORMATION-TLV"): vendor-specific data in
 * any object that carries TLVs.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type=7            |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Enterprise Number                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //             Enterprise-Specific Information                 //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { checkBytes, checkUint, expectMinLength, type TlvDefinition } from '../definition.ts';
import { readU32, copyBytes } from '../wire.ts';

export interface VendorInformationTlv {
  readonly kind: 'VENDOR-INFORMATION';
  /** IANA Private Enterprise Number of the vendor. */
  enterpriseNumber: number;
  /** The vendor's data, opaque to pcelab (may be empty). */
  enterpriseSpecificInformation: Uint8Array;
}

export const vendorInformation: TlvDefinition<VendorInformationTlv> = {
  type: 7,
  kind: 'VENDOR-INFORMATION',
  rfc: 'RFC 7470 §4',
  decode(b, start, end) {
    expectMinLength(start, end, 4, 'VENDOR-INFORMATION');
    return {
      kind: 'VENDOR-INFORMATION',
      enterpriseNumber: readU32(b, start),
      enterpriseSpecificInformation: copyBytes(b, start + 4, end),
    };
  },
  encode(w, tlv) {
    w.u32(checkUint(tlv.enterpriseNumber, 0xffffffff, 'enterpriseNumber'));
    w.bytes(checkBytes(tlv.enterpriseSpecificInformation, 'enterpriseSpecificInformation'));
  },
};
