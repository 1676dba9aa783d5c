/**
 * RSVP-ERROR-SPEC TLV, RFC 8231 §7.3.4 (carried in the LSP object of a PCRpt after an RSVP
 * signaling error): the value is one whole RSVP object, an ERROR_SPEC (RFC 2205 §A.5) or a
 * USER_ERROR_SPEC (RFC 5284 §2), header included.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=21            |        Length (variable)      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     RSVP object Length        |   Class-Num   |    C-Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                   RSVP object contents                      //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * ERROR_SPEC contents, Class-Num 6, C-Type 1 (IPv4, object Length 12) or 2 (IPv6, Length 24):
 *
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //        Error Node Address (4 bytes IPv4 / 16 bytes IPv6)     //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Flags     |  Error Code   |          Error Value          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Flags: 0x01 InPlace, 0x02 NotGuilty (RFC 2205 §A.5), 0x04 Path_State_Removed (RFC 5711).
 * Any other RSVP object (USER_ERROR_SPEC, Class-Num 194 C-Type 1; the RFC 4920 IF_ID
 * ERROR_SPECs, C-Types 3 and 4; anything else) keeps its contents as bytes.
 */
import {
  checkBytes,
  checkUint,
  expectMinLength,
  malformed,
  otherBits,
  type TlvDefinition,
} from '../definition.ts';
import { readIpv4, readIpv6, writeIpv4, writeIpv6 } from '../address.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU16, type ByteWriter, copyBytes } from '../wire.ts';

const ERROR_SPEC_CLASS = 6;
const C_TYPE_IPV4 = 1;
const C_TYPE_IPV6 = 2;
const IN_PLACE = 0x01;
const NOT_GUILTY = 0x02;
const PATH_STATE_REMOVED = 0x04;
const KNOWN = IN_PLACE | NOT_GUILTY | PATH_STATE_REMOVED;

export interface RsvpErrorSpecTlv {
  readonly kind: 'RSVP-ERROR-SPEC';
  /** RSVP Class-Num: 6 ERROR_SPEC, 194 USER_ERROR_SPEC. */
  classNum: number;
  /** RSVP C-Type: for ERROR_SPEC, 1 IPv4 and 2 IPv6. */
  cType: number;
  /** ERROR_SPEC C-Type 1/2: the node that detected the error (dotted quad or RFC 5952 text). */
  errorNodeAddress?: string;
  /** ERROR_SPEC C-Type 1/2: InPlace, the reservation is still in place at the failure point. */
  inPlace?: boolean;
  /** ERROR_SPEC C-Type 1/2: NotGuilty, the node reporting the error did not cause it. */
  notGuilty?: boolean;
  /** ERROR_SPEC C-Type 1/2: Path_State_Removed (RFC 5711), the Path state was torn down. */
  pathStateRemoved?: boolean;
  /** ERROR_SPEC C-Type 1/2: other bits of the Flags octet; absent when zero. */
  otherFlags?: number;
  /** ERROR_SPEC C-Type 1/2: RSVP Error Code (RFC 2205 Appendix B; 24 = Routing Problem, ...). */
  errorCode?: number;
  /** ERROR_SPEC C-Type 1/2: RSVP Error Value, meaning depends on the Error Code. */
  errorValue?: number;
  /** Any other RSVP object: its contents after the 4-byte RSVP header. */
  body?: Uint8Array;
}

export const rsvpErrorSpec: TlvDefinition<RsvpErrorSpecTlv> = {
  type: 21,
  kind: 'RSVP-ERROR-SPEC',
  rfc: 'RFC 8231 §7.3.4',
  decode(b, start, end) {
    expectMinLength(start, end, 4, 'RSVP-ERROR-SPEC');
    const length = end - start;
    const rsvpLength = readU16(b, start);
    // RFC 8231 §7.3.4: the TLV holds exactly one RSVP object; RFC 2205 §3.1.2: an object's
    // Length counts its header and is a multiple of 4.
    if (rsvpLength !== length)
      malformed(`RSVP object Length ${rsvpLength} differs from TLV Length ${length}`, start);
    if ((rsvpLength & 3) !== 0) malformed(`RSVP object Length ${rsvpLength} is not a multiple of 4`, start);
    const classNum = b[start + 2] as number;
    const cType = b[start + 3] as number;
    if (classNum === ERROR_SPEC_CLASS && (cType === C_TYPE_IPV4 || cType === C_TYPE_IPV6)) {
      const v6 = cType === C_TYPE_IPV6;
      const want = v6 ? 24 : 12;
      if (length !== want)
        malformed(`ERROR_SPEC C-Type ${cType} is ${length} bytes, expected ${want}`, start);
      const at = start + (v6 ? 20 : 8);
      const flags = b[at] as number;
      const tlv: RsvpErrorSpecTlv = {
        kind: 'RSVP-ERROR-SPEC',
        classNum,
        cType,
        errorNodeAddress: v6 ? readIpv6(b, start + 4) : readIpv4(b, start + 4),
        inPlace: (flags & IN_PLACE) !== 0,
        notGuilty: (flags & NOT_GUILTY) !== 0,
        pathStateRemoved: (flags & PATH_STATE_REMOVED) !== 0,
        errorCode: b[at + 1] as number,
        errorValue: readU16(b, at + 2),
      };
      if ((flags & ~KNOWN) !== 0) tlv.otherFlags = flags & ~KNOWN;
      return tlv;
    }
    return { kind: 'RSVP-ERROR-SPEC', classNum, cType, body: copyBytes(b, start + 4, end) };
  },
  encode(w, tlv) {
    const classNum = checkUint(tlv.classNum, 255, 'classNum');
    const cType = checkUint(tlv.cType, 255, 'cType');
    if (classNum === ERROR_SPEC_CLASS && (cType === C_TYPE_IPV4 || cType === C_TYPE_IPV6)) {
      encodeErrorSpec(w, tlv, cType === C_TYPE_IPV6);
      return;
    }
    const body = checkBytes(tlv.body, 'body');
    if ((body.length & 3) !== 0 || body.length > 0xfffb) {
      throw new PcepEncodeError('must be a multiple of 4 bytes, at most 65,528', 'body', body);
    }
    w.u16(4 + body.length);
    w.u8(classNum);
    w.u8(cType);
    w.bytes(body);
  },
};

function encodeErrorSpec(w: ByteWriter, tlv: RsvpErrorSpecTlv, v6: boolean): void {
  w.u16(v6 ? 24 : 12);
  w.u8(ERROR_SPEC_CLASS);
  w.u8(v6 ? C_TYPE_IPV6 : C_TYPE_IPV4);
  const address = tlv.errorNodeAddress as string;
  if (v6) writeIpv6(w, address, 'errorNodeAddress');
  else writeIpv4(w, address, 'errorNodeAddress');
  w.u8(
    (tlv.inPlace ? IN_PLACE : 0) |
      (tlv.notGuilty ? NOT_GUILTY : 0) |
      (tlv.pathStateRemoved ? PATH_STATE_REMOVED : 0) |
      otherBits(tlv.otherFlags, 0xff & ~KNOWN, 'otherFlags'),
  );
  w.u8(checkUint(tlv.errorCode, 255, 'errorCode'));
  w.u16(checkUint(tlv.errorValue, 0xffff, 'errorValue'));
}
