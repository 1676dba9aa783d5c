/**
 * SPEAKER-ENTITY-ID TLV, RFC 8232 §3.3.2 (carried in the OPEN object; RFC 8281 also allows it
 * in the LSP object of a PCE-initiated LSP): an identifier of the speaker that outlives its
 * IP address, used to skip state synchronization on reconnection.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=24            |        Length (variable)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                  Speaker Entity Identifier                  //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The identifier is opaque: text when valid UTF-8, octets otherwise (see text-or-bytes.ts).
 */
import { malformed, type TlvDefinition } from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { decodeTextOrBytes, encodeTextOrBytes } from './text-or-bytes.ts';

export interface SpeakerEntityIdTlv {
  readonly kind: 'SPEAKER-ENTITY-ID';
  /** The identifier: a string when the octets are valid UTF-8, else the octets. Never empty. */
  speakerEntityId: string | Uint8Array;
}

export const speakerEntityId: TlvDefinition<SpeakerEntityIdTlv> = {
  type: 24,
  kind: 'SPEAKER-ENTITY-ID',
  rfc: 'RFC 8232 §3.3.2',
  decode(b, start, end) {
    // RFC 8232 §3.3.2: the length MUST be greater than 0.
    if (end === start) malformed('SPEAKER-ENTITY-ID is empty', start);
    return { kind: 'SPEAKER-ENTITY-ID', speakerEntityId: decodeTextOrBytes(b, start, end) };
  },
  encode(w, tlv) {
    if (encodeTextOrBytes(w, tlv.speakerEntityId, 'speakerEntityId') === 0) {
      throw new PcepEncodeError('must not be empty', 'speakerEntityId', tlv.speakerEntityId);
    }
  },
};
