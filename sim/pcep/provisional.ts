/**
 * Code points that drafts leave TBD. pcelab picks provisional values so the extensions can
 * run, keeps them here and nowhere else, and lets a user override them (for interop with an
 * implementation that chose differently) with {@link setProvisionalCodePoints} or the
 * PCELAB_CODEPOINTS environment variable read by the CLI.
 *
 * Open Refresh, draft-stone-pce-update-open-00 (§3, §6):
 *   - TBD1, the OPEN-REFRESH-CAPABILITY (R) bit in the OPEN object's 5-bit Flags field.
 *     No Open flag is assigned by IANA; pcelab takes the least significant bit (mask 0x01).
 *   - TBD2, the Notification-type "Open-Refresh" (Notification-value 1: refresh).
 *     Assigned Notification-types end well below 128; pcelab takes 128.
 *   - TBD3/TBD4, the Error-type "Unsupported-Open-Refresh" and its Error-value.
 *     Assigned Error-types end in the low 30s; pcelab takes 128, value 1.
 * These are not IANA values: a capture taken from pcelab shows them as such.
 */

export interface ProvisionalCodePoints {
  /** Mask of the R flag within the OPEN object's 5-bit Flags field (one bit of 0x1f). */
  openRefreshFlagMask: number;
  /** Notification-type of the Open-Refresh notification. */
  openRefreshNotificationType: number;
  /** Notification-value meaning "refresh the Open information". */
  openRefreshNotificationValue: number;
  /** Error-type "Unsupported-Open-Refresh". */
  openRefreshErrorType: number;
  /** Error-value sent with {@link ProvisionalCodePoints.openRefreshErrorType}. */
  openRefreshErrorValue: number;
}

export const defaultProvisionalCodePoints: Readonly<ProvisionalCodePoints> = Object.freeze({
  openRefreshFlagMask: 0x01,
  openRefreshNotificationType: 128,
  openRefreshNotificationValue: 1,
  openRefreshErrorType: 128,
  openRefreshErrorValue: 1,
});

const current: ProvisionalCodePoints = { ...defaultProvisionalCodePoints };

/** The code points in force. Read at each use, so an override takes effect at once. */
export function provisionalCodePoints(): Readonly<ProvisionalCodePoints> {
  return current;
}

/** Validates and applies overrides; throws RangeError naming the field on a bad value. */
export function setProvisionalCodePoints(overrides: Partial<ProvisionalCodePoints>): void {
  const next = { ...current, ...overrides };
  const mask = next.openRefreshFlagMask;
  if (!Number.isInteger(mask) || mask <= 0 || mask > 0x1f || (mask & (mask - 1)) !== 0) {
    throw new RangeError(
      'openRefreshFlagMask must be a single bit of the 5-bit OPEN Flags field (1, 2, 4, 8 or 16)',
    );
  }
  for (const key of [
    'openRefreshNotificationType',
    'openRefreshNotificationValue',
    'openRefreshErrorType',
    'openRefreshErrorValue',
  ] as const) {
    const v = next[key];
    if (!Number.isInteger(v) || v < 0 || v > 255)
      throw new RangeError(`${key} must be an integer from 0 to 255`);
  }
  Object.assign(current, next);
}

/** Restores the defaults (tests use this after an override). */
export function resetProvisionalCodePoints(): void {
  Object.assign(current, defaultProvisionalCodePoints);
}
