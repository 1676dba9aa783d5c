/**
 * VENDOR-INFORMATION object, RFC 7470 §4 (Object-Class 34, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       Enterprise Number                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //               Enterprise-Specific Information               //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The information is opaque to pcelab and runs to the end of the body. The object carries no
 * length of its own, so padding added to reach a 32-bit boundary cannot be told apart from
 * the information: decoded bytes include it, and only a multiple of 4 bytes round-trips.
 */
import { checkBytes, checkUint, expectMinLength, type ObjectDefinition } from '../definition.ts';
import { readU32, copyBytes } from '../wire.ts';

export interface VendorInformationObject {
  readonly kind: 'VENDOR-INFORMATION';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The vendor's IANA Private Enterprise Number. */
  enterpriseNumber: number;
  /** The vendor-defined contents, opaque. */
  enterpriseInfo: Uint8Array;
}

export const vendorInformationObject: ObjectDefinition<VendorInformationObject> = {
  objectClass: 34,
  objectType: 1,
  kind: 'VENDOR-INFORMATION',
  className: 'VENDOR-INFORMATION',
  rfc: 'RFC 7470 §4',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'VENDOR-INFORMATION object body');
    return {
      kind: 'VENDOR-INFORMATION',
      p,
      i,
      enterpriseNumber: readU32(b, start),
      enterpriseInfo: copyBytes(b, start + 4, end),
    };
  },
  encode(w, o) {
    w.u32(checkUint(o.enterpriseNumber, 0xffffffff, 'enterpriseNumber'));
    w.bytes(checkBytes(o.enterpriseInfo, 'enterpriseInfo'));
  },
};
