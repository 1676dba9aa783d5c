/**
 * Keepalive message, RFC 5440 §6.3 (Message-Type 2): the common header alone.
 *   <Keepalive Message> ::= <Common Header>
 */
import type { MessageDefinition } from '../definition.ts';
import { CloseReason } from '../errors.ts';

export const keepaliveMessage: MessageDefinition<'Keepalive'> = {
  type: 2,
  kind: 'Keepalive',
  rfc: 'RFC 5440 §6.3',
  validate(objects) {
    if (objects.length > 0) {
      return {
        index: 0,
        reason: 'Keepalive message carries objects',
        closeReason: CloseReason.malformedMessage,
      };
    }
    return undefined;
  },
};
