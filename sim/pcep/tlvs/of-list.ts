/**
 * OF-LIST TLV, RFC 5541 §2.1 (carried in the OPEN object: the objective functions a PCE
 * supports). IANA registers it as "OF-List".
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Type=4            |      Length (2 x N octets)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           OF Code #1          |           OF Code #2          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                             ...                             //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * An odd N leaves two bytes of ordinary TLV padding after the last code.
 */
import { checkUint, malformed, type TlvDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU16 } from '../wire.ts';

export interface OfListTlv {
  readonly kind: 'OF-LIST';
  /** IANA "Objective Function" code points (1 MCP, 2 MLP, ...), in wire order. */
  ofCodes: number[];
}

export const ofList: TlvDefinition<OfListTlv> = {
  type: 4,
  kind: 'OF-LIST',
  rfc: 'RFC 5541 §2.1',
  decode(b, start, end) {
    // RFC 5541 §2.1: the value is a list of 16-bit OF codes.
    if (((end - start) & 1) !== 0)
      malformed(`OF-LIST is ${end - start} bytes, not a whole number of codes`, start);
    const ofCodes: number[] = [];
    for (let at = start; at < end; at += 2) ofCodes.push(readU16(b, at));
    return { kind: 'OF-LIST', ofCodes };
  },
  encode(w, tlv) {
    const codes = tlv.ofCodes;
    if (!Array.isArray(codes)) throw new PcepEncodeError('must be an array of OF codes', 'ofCodes', codes);
    for (let k = 0; k < codes.length; k++) w.u16(checkUint(codes[k], 0xffff, `ofCodes[${k}]`));
  },
};
