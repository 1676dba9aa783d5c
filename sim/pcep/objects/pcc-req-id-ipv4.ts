/**
 * PCC-REQ-ID object for IPv4, RFC 5886 §4.2 (Object-Class 20, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         IPv4 address                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The address of the PCC whose request a monitoring request refers to. No TLVs: the body
 * is exactly 4 bytes.
 */
import { readIpv4, writeIpv4 } from '../address.ts';
import { expectLength, type ObjectDefinition } from '../definition.ts';

export interface PccReqIdIpv4Object {
  readonly kind: 'PCC-REQ-ID-IPV4';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The PCC's address (dotted quad). */
  address: string;
}

export const pccReqIdIpv4Object: ObjectDefinition<PccReqIdIpv4Object> = {
  objectClass: 20,
  objectType: 1,
  kind: 'PCC-REQ-ID-IPV4',
  className: 'PCC-REQ-ID',
  rfc: 'RFC 5886 §4.2',
  decode(b, start, end, p, i) {
    expectLength(start, end, 4, 'PCC-REQ-ID (IPv4) object body');
    return { kind: 'PCC-REQ-ID-IPV4', p, i, address: readIpv4(b, start) };
  },
  encode(w, o) {
    writeIpv4(w, o.address, 'address');
  },
};
