/**
 * PCNtf message, RFC 5440 §6.6 (Message-Type 5): a notification about requests or the
 * sender's state (pending request cancelled, overload, RFC 8231 resource limit, ...).
 *   <PCNtf Message>     ::= <Common Header>
 *                           <notify-list>
 *   <notify-list>       ::= <notify> [<notify-list>]
 *   <notify>            ::= [<request-id-list>]
 *                           <notification-list>
 *   <request-id-list>   ::= <RP> [<request-id-list>]
 *   <notification-list> ::= <NOTIFICATION> [<notification-list>]
 *
 * An RP after a NOTIFICATION opens the next <notify>. RFC 5440 names no PCErr for a broken
 * PCNtf, so a message without any NOTIFICATION, an RP list that no NOTIFICATION follows, or
 * any other known object is malformed (Close reason 3).
 */
import type { Kinded, MessageDefinition } from '../definition.ts';
import { CloseReason } from '../errors.ts';
import { isAnywhere, misplaced } from './grammar.ts';

export const pcNtfMessage: MessageDefinition<'PCNtf'> = {
  type: 5,
  kind: 'PCNtf',
  rfc: 'RFC 5440 §6.6',
  validate(objects) {
    const n = objects.length;
    let start = -1; // first RP of the current <notify>, -1 when it has none
    let notified = false; // the current <notify> has its NOTIFICATION
    for (let k = 0; k < n; k++) {
      const kind = (objects[k] as Kinded).kind;
      if (isAnywhere(kind)) continue;
      if (kind === 'RP') {
        if (notified || start < 0) {
          start = k;
          notified = false;
        }
      } else if (kind === 'NOTIFICATION') {
        notified = true;
      } else {
        return misplaced(k, kind, 'PCNtf');
      }
    }
    if (!notified) {
      // RFC 5440 §6.6: every <notify> ends with at least one NOTIFICATION.
      return {
        index: start >= 0 ? start : n,
        reason:
          start >= 0
            ? 'PCNtf request-id list without a NOTIFICATION'
            : 'PCNtf message without a NOTIFICATION',
        closeReason: CloseReason.malformedMessage,
      };
    }
    return undefined;
  },
};
