/**
 * PCErr message, RFC 5440 §6.7 (Message-Type 6), with the SRP request-id lists of
 * RFC 8231 §6.3.
 *   <PCErr Message>            ::= <Common Header>
 *                                  ( <error-obj-list> [<Open>] ) | <error>
 *                                  [<error-list>]
 *   <error-obj-list>           ::= <PCEP-ERROR> [<error-obj-list>]
 *   <Open>                     ::= the OPEN object, in a PCErr answering an unacceptable Open
 *   <error>                    ::= [<request-id-list> | <stateful-request-id-list>]
 *                                  <error-obj-list>
 *   <request-id-list>          ::= <RP> [<request-id-list>]
 *   <stateful-request-id-list> ::= <SRP> [<stateful-request-id-list>]
 *   <error-list>               ::= <error> [<error-list>]
 *
 * So: groups of an optional all-RP or all-SRP list then one or more PCEP-ERROR; an OPEN may
 * follow the errors of the first group only, and only when that group has no request ids.
 * An RP or SRP after a PCEP-ERROR (or the OPEN) opens the next group.
 *
 * One addition on receipt: an LSP object right after the PCEP-ERROR objects of a group.
 * RFC 8231 §8.5 first said the PCEP-ERROR of Error-type 19 value 1 (and 20/1) "is followed by
 * the LSP object"; erratum 5970 removed that since §6.3 has no LSP, but speakers built from
 * the original text send it. pcelab accepts it and never sends it.
 *
 * RFC 5440 names no PCErr for a broken PCErr (one must not answer an error with an error), so
 * every violation is a malformed message: Close reason 3.
 */
import type { GrammarViolation, Kinded, MessageDefinition } from '../definition.ts';
import { CloseReason } from '../errors.ts';
import { isAnywhere, misplaced } from './grammar.ts';

/** Where the parser stands inside the current group. */
const IDS = 0; // collecting the request-id list (or nothing yet)
const ERRORS = 1; // after at least one PCEP-ERROR
const AFTER_OPEN = 2; // after the OPEN of the first group

export const pcErrMessage: MessageDefinition<'PCErr'> = {
  type: 6,
  kind: 'PCErr',
  rfc: 'RFC 5440 §6.7',
  validate(objects) {
    const n = objects.length;
    let state = IDS;
    let idKind = ''; // 'RP' or 'SRP' once the current group's id list has begun
    let groupStart = -1; // first object of the current group
    let firstGroup = true;
    for (let k = 0; k < n; k++) {
      const kind = (objects[k] as Kinded).kind;
      if (isAnywhere(kind)) continue;
      if (kind === 'PCEP-ERROR') {
        if (state === AFTER_OPEN) {
          firstGroup = false;
          idKind = '';
          groupStart = k;
        }
        if (groupStart < 0) groupStart = k;
        state = ERRORS;
      } else if (kind === 'RP' || kind === 'SRP') {
        if (state !== IDS) {
          firstGroup = false;
          idKind = '';
          groupStart = k;
          state = IDS;
        }
        if (groupStart < 0) groupStart = k;
        if (idKind !== '' && idKind !== kind) {
          // RFC 8231 §6.3: a request-id list is all RP or all SRP.
          return malformed(k, 'PCErr request-id list mixes RP and SRP objects');
        }
        idKind = kind;
      } else if (kind === 'OPEN') {
        // RFC 5440 §6.7: the OPEN follows the error-obj-list of a first group without ids.
        if (state !== ERRORS || !firstGroup || idKind !== '') {
          return malformed(
            k,
            'OPEN object in a PCErr must follow the first error list, which has no request ids',
          );
        }
        state = AFTER_OPEN;
      } else if (kind === 'LSP') {
        // Accepted after PCEP-ERROR objects (RFC 8231 §8.5 before erratum 5970).
        if (state !== ERRORS) return misplaced(k, kind, 'PCErr');
      } else {
        return misplaced(k, kind, 'PCErr');
      }
    }
    if (groupStart < 0) return malformed(n, 'PCErr message without a PCEP-ERROR object');
    if (state === IDS) return malformed(groupStart, 'PCErr request-id list without a PCEP-ERROR object');
    return undefined;
  },
};

function malformed(index: number, reason: string): GrammarViolation {
  return { index, reason, closeReason: CloseReason.malformedMessage };
}
