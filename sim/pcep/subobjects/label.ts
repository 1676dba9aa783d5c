/**
 * Label subobject: RFC 3473 §5.1.1 (ERO, used by PCEP ERO/IRO, RFC 5440 §7.9) and
 * RFC 3209 §4.4.1.3 (RRO, RFC 5440 §7.10). Not defined for the XRO.
 *
 * ERO form:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |L|   Type=3    |    Length     |U|  Reserved   |    C-Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 Label (a multiple of 4 bytes)                 |
 *  //                              ...                            //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RRO form:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Type=3     |    Length     |     Flags     |    C-Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             Contents of the Label object (Label)              |
 *  //                              ...                            //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * C-Type is the RSVP LABEL object's C-Type the label is copied from (1 MPLS label, RFC 3209
 * §4.1; 2 Generalized Label and 3 Waveband label, RFC 3473 §2.3, §2.4). RRO Flags: 0x01 Global label
 * (RFC 3209 §4.4.1.3). The top bit of the octet is read as U (upstream label, RFC 3473 §5.1.1)
 * in both forms, so the octet round-trips whichever way a speaker uses it.
 */
import {
  checkBytes,
  checkUint,
  expectMinLength,
  malformed,
  otherBits,
  type RouteTopBit,
  type SubobjectDefinition,
} from '../definition.ts';
import { PcepEncodeError } from '../errors.ts';
import { readU32, copyBytes } from '../wire.ts';

const U = 0x80; // upstream label (RFC 3473 §5.1.1)
const GLOBAL = 0x01; // RRO only: Global label (RFC 3209 §4.4.1.3)

export interface LabelSubobject extends RouteTopBit {
  readonly kind: 'LABEL';
  /** U: the label is an upstream label (bidirectional LSP), RFC 3473 §5.1.1. */
  u: boolean;
  /** RRO only (absent in an ERO): the label is understood on any interface (0x01). */
  globalLabel?: boolean;
  /** The other bits of the flags octet (Reserved in an ERO), kept for exact re-encoding; absent when zero. */
  otherFlags?: number;
  /** C-Type of the RSVP LABEL object the label comes from (1 MPLS, 2 generalized, 3 waveband). */
  cType: number;
  /** The label: a 32-bit number when it is 4 bytes long (the usual case), else its bytes. */
  label: number | Uint8Array;
}

export const label: SubobjectDefinition<LabelSubobject> = {
  type: 3,
  kind: 'LABEL',
  rfc: 'RFC 3473 §5.1.1',
  families: ['ERO', 'RRO'],
  decode(b, start, end, family) {
    expectMinLength(start, end, 6, 'label subobject contents');
    const labelBytes = end - start - 2;
    // RFC 3473 §5.1.1: the Length is always divisible by 4 (the label is whole 32-bit words).
    if ((labelBytes & 3) !== 0) malformed(`label is ${labelBytes} bytes, not a multiple of 4`, start + 2);
    const flags = b[start] as number;
    const so: LabelSubobject = {
      kind: 'LABEL',
      u: (flags & U) !== 0,
      cType: b[start + 1] as number,
      label: labelBytes === 4 ? readU32(b, start + 2) : copyBytes(b, start + 2, end),
    };
    let other: number;
    if (family === 'RRO') {
      so.globalLabel = (flags & GLOBAL) !== 0;
      other = flags & ~(U | GLOBAL);
    } else {
      other = flags & ~U;
    }
    if (other !== 0) so.otherFlags = other;
    return so;
  },
  encode(w, so, family) {
    let flags = so.u ? U : 0;
    if (family === 'RRO') {
      flags |= (so.globalLabel ? GLOBAL : 0) | otherBits(so.otherFlags, 0x7e, 'otherFlags');
    } else {
      if (so.globalLabel === true)
        throw new PcepEncodeError('the Global label flag exists only in an RRO', 'globalLabel', true);
      flags |= otherBits(so.otherFlags, 0x7f, 'otherFlags');
    }
    w.u8(flags);
    w.u8(checkUint(so.cType, 255, 'cType'));
    if (typeof so.label === 'number') {
      w.u32(checkUint(so.label, 0xffffffff, 'label'));
    } else {
      const bytes = checkBytes(so.label, 'label');
      if (bytes.length < 4 || (bytes.length & 3) !== 0)
        throw new PcepEncodeError('must be a multiple of 4 bytes long (at least 4)', 'label', bytes);
      w.bytes(bytes);
    }
  },
};
