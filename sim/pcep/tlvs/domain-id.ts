/**
 * DOMAIN-ID TLV, RFC 8685 §3.1.2 (OPEN object: a domain the PCE serves; also used in the RP
 * object and elsewhere to name a domain). Domain Types from the IANA "Domain-ID TLV Domain
 * Type" registry.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            Type=14            |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Domain Type  |                    Reserved                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  //                Domain ID (padded to 4 bytes)                //
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Domain ID by Domain Type (the padding is part of the Domain ID field, so it is counted in
 * Length):
 *   1  2-byte AS number          | AS (16)        | zero (16)   |   Length 8
 *   2  4-byte AS number          | AS (32)                      |   Length 8
 *   3  4-byte OSPF area ID       | Area ID (32)                 |   Length 8
 *   4  IS-IS area ID             | Area-Len (16)  | Area ID (Area-Len bytes) | zero to 4 |
 *
 * Reserved is ignored on receipt and written as zero, so a nonzero Reserved does not survive
 * re-encoding. Padding must be zero: a nonzero padding byte is malformed (nothing to keep it
 * in). Other Domain Types keep the Domain ID field as bytes.
 */
import {
  checkBytes,
  checkUint,
  expectLength,
  expectMinLength,
  malformed,
  type TlvDefinition,
} from '../definition.ts';
import { readIpv4, writeIpv4 } from '../address.ts';
import { PcepEncodeError } from '../errors.ts';
import { pad4, readU16, readU32, copyBytes } from '../wire.ts';

/** IANA Domain Types with a fixed layout. */
const DomainType = {
  as2Byte: 1,
  as4Byte: 2,
  ospfArea: 3,
  isisArea: 4,
} as const;

export interface DomainIdTlv {
  readonly kind: 'DOMAIN-ID';
  /** 1 2-byte AS, 2 4-byte AS, 3 OSPF area, 4 IS-IS area; any other value keeps `domainId`. */
  domainType: number;
  /** Domain Types 1 and 2: the AS number. */
  asNumber?: number;
  /** Domain Type 3: the OSPF area ID as a dotted quad. */
  ospfAreaId?: string;
  /** Domain Type 4: the IS-IS area ID (Area-Len bytes, without Area-Len and padding). */
  isisAreaId?: Uint8Array;
  /** Any other Domain Type: the whole Domain ID field as received. */
  domainId?: Uint8Array;
}

export const domainId: TlvDefinition<DomainIdTlv> = {
  type: 14,
  kind: 'DOMAIN-ID',
  rfc: 'RFC 8685 §3.1.2',
  decode(b, start, end) {
    expectMinLength(start, end, 4, 'DOMAIN-ID');
    const domainType = b[start] as number;
    const at = start + 4;
    const tlv: DomainIdTlv = { kind: 'DOMAIN-ID', domainType };
    switch (domainType) {
      case DomainType.as2Byte:
        expectLength(start, end, 8, 'DOMAIN-ID with a 2-byte AS');
        // RFC 8685 §3.1.2: the 2-byte AS is padded with trailing zeros.
        if (readU16(b, at + 2) !== 0) malformed('DOMAIN-ID 2-byte AS padding is not zero', at + 2);
        tlv.asNumber = readU16(b, at);
        break;
      case DomainType.as4Byte:
        expectLength(start, end, 8, 'DOMAIN-ID with a 4-byte AS');
        tlv.asNumber = readU32(b, at);
        break;
      case DomainType.ospfArea:
        expectLength(start, end, 8, 'DOMAIN-ID with an OSPF area');
        tlv.ospfAreaId = readIpv4(b, at);
        break;
      case DomainType.isisArea: {
        expectMinLength(start, end, 6, 'DOMAIN-ID with an IS-IS area');
        const areaLen = readU16(b, at);
        // RFC 8685 §3.1.2: Area-Len, the area ID, then trailing zeros to a 4-byte boundary.
        expectLength(start, end, 4 + pad4(2 + areaLen), `DOMAIN-ID with an IS-IS area of ${areaLen} bytes`);
        for (let i = at + 2 + areaLen; i < end; i++) {
          if (b[i] !== 0) malformed('DOMAIN-ID IS-IS area padding is not zero', i);
        }
        tlv.isisAreaId = copyBytes(b, at + 2, at + 2 + areaLen);
        break;
      }
      default:
        tlv.domainId = copyBytes(b, at, end);
    }
    return tlv;
  },
  encode(w, tlv) {
    const domainType = checkUint(tlv.domainType, 255, 'domainType');
    w.u8(domainType);
    w.u24(0);
    switch (domainType) {
      case DomainType.as2Byte:
        w.u16(checkUint(tlv.asNumber, 0xffff, 'asNumber'));
        w.u16(0);
        break;
      case DomainType.as4Byte:
        w.u32(checkUint(tlv.asNumber, 0xffffffff, 'asNumber'));
        break;
      case DomainType.ospfArea:
        writeIpv4(w, tlv.ospfAreaId as string, 'ospfAreaId');
        break;
      case DomainType.isisArea: {
        const area = checkBytes(tlv.isisAreaId, 'isisAreaId');
        if (area.length > 0xfff0) throw new PcepEncodeError('is too long', 'isisAreaId', area);
        const from = w.pos;
        w.u16(area.length);
        w.bytes(area);
        w.padFrom(from);
        break;
      }
      default:
        w.bytes(checkBytes(tlv.domainId, 'domainId'));
    }
  },
};
