/**
 * Close message, RFC 5440 §6.8 (Message-Type 7): the end of a PCEP session.
 *   <Close Message> ::= <Common Header> <CLOSE>
 *
 * RFC 5440 §6.8: exactly one CLOSE object. No CLOSE, a second CLOSE or any other known object
 * is a malformed message (Close reason 3). Unknown objects and VENDOR-INFORMATION are let
 * through as everywhere (see grammar.ts).
 */
import type { MessageDefinition } from '../definition.ts';
import { CloseReason } from '../errors.ts';
import { isAnywhere, misplaced } from './grammar.ts';

export const closeMessage: MessageDefinition<'Close'> = {
  type: 7,
  kind: 'Close',
  rfc: 'RFC 5440 §6.8',
  validate(objects) {
    const n = objects.length;
    let close = -1;
    for (let k = 0; k < n; k++) {
      const kind = (objects[k] as { kind: string }).kind;
      if (kind === 'CLOSE') {
        if (close >= 0) {
          return {
            index: k,
            reason: 'Close message carries a second CLOSE object',
            closeReason: CloseReason.malformedMessage,
          };
        }
        close = k;
      } else if (!isAnywhere(kind)) {
        return misplaced(k, kind, 'Close');
      }
    }
    if (close < 0) {
      return {
        index: n,
        reason: 'Close message without a CLOSE object',
        closeReason: CloseReason.malformedMessage,
      };
    }
    return undefined;
  },
};
