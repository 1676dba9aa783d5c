/**
 * SYMBOLIC-PATH-NAME TLV, RFC 8231 §7.3.2 (carried in the LSP object): a name for the LSP,
 * unique per PCC and constant over the LSP's lifetime.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=17            |        Length (variable)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                 Symbolic Path Name (octets)                 //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The RFC gives the name no character set: pcelab shows it as text when it is valid UTF-8 and
 * keeps the octets otherwise (see text-or-bytes.ts).
 */
import { malformed, type TlvDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { decodeTextOrBytes, encodeTextOrBytes } from './text-or-bytes.ts';

export interface SymbolicPathNameTlv {
  readonly kind: 'SYMBOLIC-PATH-NAME';
  /** The name: a string when the octets are valid UTF-8, else the octets. Never empty. */
  name: string | Uint8Array;
}

export const symbolicPathName: TlvDefinition<SymbolicPathNameTlv> = {
  type: 17,
  kind: 'SYMBOLIC-PATH-NAME',
  rfc: 'RFC 8231 §7.3.2',
  decode(b, start, end) {
    // RFC 8231 §7.3.2: the name has a length; an empty one names nothing.
    if (end === start) malformed('SYMBOLIC-PATH-NAME is empty', start);
    return { kind: 'SYMBOLIC-PATH-NAME', name: decodeTextOrBytes(b, start, end) };
  },
  encode(w, tlv) {
    if (encodeTextOrBytes(w, tlv.name, 'name') === 0) {
      throw new PcepEncodeError('must not be empty', 'name', tlv.name);
    }
  },
};
