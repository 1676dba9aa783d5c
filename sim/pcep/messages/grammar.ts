/**
 * Pieces shared by the message grammars (the RBNF checks in each message file). Validators
 * look only at object kinds, in one pass, without allocating on the accepting path: they run
 * on every decoded message.
 *
 * Leniency, applied the same way in every message:
 *   - An object pcelab does not know ('UNKNOWN-OBJECT') may appear anywhere: RFC 5440 §7.2
 *     leaves an unknown object to the P flag and the receiver's policy (PCErr 3/x when it
 *     rejects unknown objects, which the object layer does when asked), not to the grammar.
 *   - VENDOR-INFORMATION may appear anywhere (RFC 7470 allows it in several places of
 *     PCReq, PCRep and the stateful messages; pcelab does not police where).
 *   - Inside a request, response or report, the optional objects may come in any order and
 *     only the mandatory ones are required: third-party speakers reorder, and
 *     draft-dhody-pce-pcep-object-order relaxes RFC 5440's strict order the same way.
 *   - The objects that steer the session itself (OPEN, CLOSE, PCEP-ERROR, NOTIFICATION) are
 *     never part of a request, response or report: one there makes the message malformed
 *     (RFC 5440 §6: each message type has its own set of objects; Close reason 3).
 */
import type { GrammarViolation, Kinded } from '../definition.ts';
import { PcErr } from '../error-codes.ts';
import { CloseReason } from '../errors.ts';

/** True for the objects allowed anywhere in any message: unknown ones and VENDOR-INFORMATION. */
export function isAnywhere(kind: string): boolean {
  return kind === 'UNKNOWN-OBJECT' || kind === 'VENDOR-INFORMATION';
}

/** True for OPEN, CLOSE, PCEP-ERROR and NOTIFICATION: session-level objects. */
export function isSessionControl(kind: string): boolean {
  return kind === 'OPEN' || kind === 'CLOSE' || kind === 'PCEP-ERROR' || kind === 'NOTIFICATION';
}

/** True for every END-POINTS object type (IPv4, IPv6, P2MP 'P2MP-END-POINTS-*', generalized). */
export function isEndPoints(kind: string): boolean {
  return kind.includes('END-POINTS');
}

/** The violation for an object that has no place in the message: Close reason 3. */
export function misplaced(index: number, kind: string, message: string): GrammarViolation {
  return {
    index,
    reason: `${kind} object has no place in a ${message} message`,
    closeReason: CloseReason.malformedMessage,
  };
}

/**
 * Checks a list of LSP-centred requests: the state reports of PCRpt (RFC 8231 §6.1), the
 * update requests of PCUpd (RFC 8231 §6.2) and the PCE-initiated LSP requests of PCInitiate
 * (RFC 8281 §5.1). Each request is `[<SRP>] <LSP> <path>`; an SRP or an LSP opens a new
 * request when the current one already holds one (an SRP also when it holds an LSP, since
 * the SRP leads its request), and every other object belongs to the request it follows.
 *
 * Where a violation points (its `index`): a missing SRP at the request's LSP, a missing LSP
 * at the request's first object, a missing ERO at the request's LSP (the object naming the
 * LSP whose path is missing); a message without any request at the object count.
 *
 * `srpRequired`: PCUpd and PCInitiate (6/10 when absent). `eroUnlessRemove`: PCInitiate, where
 * an SRP with the R (LSP-Remove) flag set makes a deletion that needs no ERO; otherwise the
 * ERO is always required (6/9).
 */
export function checkLspRequests(
  objects: readonly Kinded[],
  message: string,
  srpRequired: boolean,
  eroUnlessRemove: boolean,
): GrammarViolation | undefined {
  const n = objects.length;
  let start = -1; // first object of the current request, -1 before any
  let srp = -1;
  let lsp = -1;
  let ero = false;
  for (let k = 0; k < n; k++) {
    const o = objects[k] as Kinded;
    const kind = o.kind;
    if (isAnywhere(kind)) continue;
    if (kind === 'SRP') {
      if (srp >= 0 || lsp >= 0) {
        const v = checkRequest(objects, message, start, srp, lsp, ero, srpRequired, eroUnlessRemove);
        if (v !== undefined) return v;
        start = -1;
        lsp = -1;
        ero = false;
      }
      srp = k;
    } else if (kind === 'LSP') {
      if (lsp >= 0) {
        const v = checkRequest(objects, message, start, srp, lsp, ero, srpRequired, eroUnlessRemove);
        if (v !== undefined) return v;
        start = -1;
        srp = -1;
        ero = false;
      }
      lsp = k;
    } else if (kind === 'ERO') {
      ero = true;
    } else if (isSessionControl(kind)) {
      return misplaced(k, kind, message);
    }
    if (start < 0) start = k;
  }
  if (start < 0) {
    // RFC 8231 §6.1/§6.2, RFC 8281 §5.1: the list holds at least one request, led by an LSP.
    return { index: n, reason: `${message} message without any request`, pcErr: PcErr.lspMissing };
  }
  return checkRequest(objects, message, start, srp, lsp, ero, srpRequired, eroUnlessRemove);
}

function checkRequest(
  objects: readonly Kinded[],
  message: string,
  start: number,
  srp: number,
  lsp: number,
  ero: boolean,
  srpRequired: boolean,
  eroUnlessRemove: boolean,
): GrammarViolation | undefined {
  if (srpRequired && srp < 0) {
    // RFC 8231 §6.2 (PCUpd), RFC 8281 §5.1 (PCInitiate): every request starts with an SRP.
    return {
      index: lsp >= 0 ? lsp : start,
      reason: `${message} request without an SRP object`,
      pcErr: PcErr.srpMissing,
    };
  }
  if (lsp < 0) {
    // RFC 8231 §6.1, §6.2; RFC 8281 §5.1: the LSP object is mandatory.
    return { index: start, reason: `${message} request without an LSP object`, pcErr: PcErr.lspMissing };
  }
  if (ero) return undefined;
  // RFC 8281 §5.1: a deletion (SRP R flag set) is <SRP> <LSP> and carries no path.
  if (eroUnlessRemove && srp >= 0 && srpRemoveFlag(objects[srp] as Kinded)) return undefined;
  // RFC 8231 §6.1, §6.2; RFC 8281 §5.1: the intended path (ERO) is mandatory.
  return { index: lsp, reason: `${message} request without an ERO object`, pcErr: PcErr.eroMissing };
}

/** The SRP object's R (LSP-Remove) flag, RFC 8281 §5.2 (SrpObject.remove in objects/srp.ts). */
function srpRemoveFlag(srp: Kinded): boolean {
  return (srp as { remove?: unknown }).remove === true;
}

/**
 * RFC 5886 §3.2/§3.3: a PCMonReq or PCMonRep carries a MONITORING object (PCErr 6/4 without
 * one); everything else is taken leniently but for session-level objects.
 */
export function checkMonitoring(objects: readonly Kinded[], message: string): GrammarViolation | undefined {
  let monitoring = false;
  for (let k = 0; k < objects.length; k++) {
    const kind = (objects[k] as Kinded).kind;
    if (kind === 'MONITORING') monitoring = true;
    else if (isSessionControl(kind)) return misplaced(k, kind, message);
  }
  if (!monitoring)
    return {
      index: 0,
      reason: `${message} message without a MONITORING object`,
      pcErr: PcErr.monitoringMissing,
    };
  return undefined;
}
