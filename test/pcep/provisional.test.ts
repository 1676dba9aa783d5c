/** Provisional code points: defaults, validation, and overrides taking effect in the codec. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeObject,
  decodeTlv,
  defaultProvisionalCodePoints,
  encodeObject,
  provisionalCodePoints,
  resetProvisionalCodePoints,
  setProvisionalCodePoints,
} from '../../sim/index.ts';
import { parseHex } from '../fixtures/pcep/fixture.ts';

afterEach(() => resetProvisionalCodePoints());

describe('provisional code points', () => {
  it('start at the documented defaults', () => {
    expect(provisionalCodePoints()).toStrictEqual(defaultProvisionalCodePoints);
    expect(defaultProvisionalCodePoints.openRefreshFlagMask).toBe(0x01);
    expect(defaultProvisionalCodePoints.openRefreshErrorType).toBe(252);
  });

  it('move the OPEN R flag when overridden', () => {
    const bytes = parseHex('01 10 0008  22 1e 78 01'); // Ver 1, Flags 0b00010
    expect(decodeObject(bytes)).toMatchObject({ kind: 'OPEN', openRefresh: false, otherFlags: 0x02 });
    setProvisionalCodePoints({ openRefreshFlagMask: 0x02 });
    const o = decodeObject(bytes);
    expect(o).toMatchObject({ kind: 'OPEN', openRefresh: true });
    expect(o).not.toHaveProperty('otherFlags');
    expect(Buffer.from(encodeObject(o)).toString('hex')).toBe('01100008221e7801');
  });

  it('move the state-sync flag when overridden', () => {
    const bytes = parseHex('0010 0004 00008000');
    expect(decodeTlv(bytes)).toMatchObject({ stateSync: false, otherFlags: 0x8000 });
    setProvisionalCodePoints({ stateSyncFlagMask: 0x8000 });
    expect(decodeTlv(bytes)).toMatchObject({ stateSync: true });
  });

  it.each([
    [{ openRefreshFlagMask: 0x03 }],
    [{ openRefreshFlagMask: 0x20 }],
    [{ openRefreshNotificationType: 256 }],
    [{ openRefreshErrorValue: -1 }],
    [{ stateSyncFlagMask: 0x01 }], // that is RFC 8231's U flag
  ])('reject %o', (bad) => {
    expect(() => setProvisionalCodePoints(bad)).toThrow(RangeError);
    expect(provisionalCodePoints()).toStrictEqual(defaultProvisionalCodePoints);
  });
});
