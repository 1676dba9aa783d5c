/**
 * NOTIFICATION object, RFC 5440 §7.14 (Object-Class 12, Object-Type 1).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Reserved    |     Flags     |      NT       |      NV       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                        Optional TLVs                        //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Notification-types and values: IANA "Notification Object"; the Open Refresh draft's type is a
 * provisional code point (provisional.ts). NT 2 / NV 1 may carry OVERLOAD-DURATION (TLV 2).
 */
import { checkUint, expectMinLength, otherBits, type ObjectDefinition } from '../definition.ts';
import { decodeTlvs, encodeTlvs, type Tlv } from '../tlvs/registry.ts';

export interface NotificationObject {
  readonly kind: 'NOTIFICATION';
  p: boolean;
  i: boolean;
  headerReserved?: number;
  /** The Flags octet (no flag is assigned); absent when zero. */
  otherFlags?: number;
  /** The Reserved octet, kept when nonzero so the bytes re-encode exactly; absent when zero. */
  reserved?: number;
  /** Notification-type (NT): 1 pending request cancelled, 2 PCE overloaded, 4 stateful limit, ... */
  notificationType: number;
  /** Notification-value (NV): the event within the type, e.g. 1 entering, 2 leaving overload. */
  notificationValue: number;
  tlvs: Tlv[];
}

export const notificationObject: ObjectDefinition<NotificationObject> = {
  objectClass: 12,
  objectType: 1,
  kind: 'NOTIFICATION',
  className: 'NOTIFICATION',
  rfc: 'RFC 5440 §7.14',
  decode(b, start, end, p, i) {
    expectMinLength(start, end, 4, 'NOTIFICATION object body');
    const reserved = b[start] as number;
    const flags = b[start + 1] as number;
    const o: NotificationObject = {
      kind: 'NOTIFICATION',
      p,
      i,
      notificationType: b[start + 2] as number,
      notificationValue: b[start + 3] as number,
      tlvs: decodeTlvs(b, start + 4, end),
    };
    if (flags !== 0) o.otherFlags = flags;
    if (reserved !== 0) o.reserved = reserved;
    return o;
  },
  encode(w, o) {
    w.u8(checkUint(o.reserved ?? 0, 255, 'reserved'));
    w.u8(otherBits(o.otherFlags, 0xff, 'otherFlags'));
    w.u8(checkUint(o.notificationType, 255, 'notificationType'));
    w.u8(checkUint(o.notificationValue, 255, 'notificationValue'));
    encodeTlvs(w, o.tlvs, 'tlvs');
  },
};
