/**
 * PCC-REQ-ID object for IPv6, RFC 5886 §4.2 (Object-Class 20, Object-Type 2).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  |                   IPv6 address (16 bytes)                     |
 *  |                                                               |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The address of the PCC whose request a monitoring request refers to. No TLVs: the body
 * is exactly 16 bytes.
 */
import { readIpv6, writeIpv6 } from '../address.ts';
import { expectLength, type ObjectDefinition } from '../definition.ts';

export interface PccReqIdIpv6Object {
  readonly kind: 'PCC-REQ-ID-IPV6';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The PCC's address (RFC 5952 text). */
  address: string;
}

export const pccReqIdIpv6Object: ObjectDefinition<PccReqIdIpv6Object> = {
  objectClass: 20,
  objectType: 2,
  kind: 'PCC-REQ-ID-IPV6',
  className: 'PCC-REQ-ID',
  rfc: 'RFC 5886 §4.2',
  decode(b, start, end, p, i) {
    expectLength(start, end, 16, 'PCC-REQ-ID (IPv6) object body');
    return { kind: 'PCC-REQ-ID-IPV6', p, i, address: readIpv6(b, start) };
  },
  encode(w, o) {
    writeIpv6(w, o.address, 'address');
  },
};
