/**
 * Code points that drafts leave TBD. pcelab picks provisional values so the extensions can
 * run, keeps them here and nowhere else, and lets a user override them (for interop with an
 * implementation that chose differently) with {@link setProvisionalCodePoints} or the
 * PCELAB_CODEPOINTS environment variable read by the CLI.
 *
 * Open Refresh, draft-stone-pce-update-open-00 (§3, §6):
 *   - TBD1, the OPEN-REFRESH-CAPABILITY (R) bit in the OPEN object's 5-bit Flags field.
 *     No OPEN flag is assigned by IANA; pcelab takes bit 4 (mask 0x01), the one IANA would
 *     hand out first.
 *   - TBD2, the Notification-type "Open-Refresh" (Notification-value 1: refresh). Types 1, 2,
 *     4 and 5 are assigned and the registry has no experimental range; pcelab takes 252, far
 *     from the next value IANA will assign (6), which inter-PCE state sync is expected to ask for.
 *   - TBD3/TBD4, the Error-type "Unsupported-Open-Refresh" and its Error-value. Error-types
 *     252-255 are set aside for Experimental Use (RFC 9756); pcelab takes 252, value 1.
 *
 * Inter-PCE state synchronisation, draft-litkowski-pce-state-sync-10 (now
 * draft-ietf-pce-state-sync): relayed reports reuse PCRpt with LSP-DB-VERSION and
 * SPEAKER-ENTITY-ID (RFC 8232) to name the originating PCC; a session between two PCEs is
 * marked as a state-sync session by a STATEFUL-PCE-CAPABILITY flag the draft leaves TBD.
 * pcelab takes bit 17 (mask 0x4000), the highest of the bits no RFC uses.
 *
 * None of these are IANA values: a capture taken from pcelab shows them as such.
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
  /** Mask of the inter-PCE state-sync flag in STATEFUL-PCE-CAPABILITY's 32-bit Flags. */
  stateSyncFlagMask: number;
}

export const defaultProvisionalCodePoints: Readonly<ProvisionalCodePoints> = Object.freeze({
  openRefreshFlagMask: 0x01,
  openRefreshNotificationType: 252,
  openRefreshNotificationValue: 1,
  openRefreshErrorType: 252,
  openRefreshErrorValue: 1,
  stateSyncFlagMask: 0x4000,
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
  const sync = next.stateSyncFlagMask;
  // Bits 26-31 (0x3f) are the RFC 8231/8232/8281 flags; the state-sync bit must be another one.
  if (
    !Number.isInteger(sync) ||
    sync <= 0 ||
    sync > 0x80000000 ||
    (sync & (sync - 1)) !== 0 ||
    (sync & 0x3f) !== 0
  ) {
    throw new RangeError(
      'stateSyncFlagMask must be a single bit of STATEFUL-PCE-CAPABILITY not used by RFC 8231/8232/8281',
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
