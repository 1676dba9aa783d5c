/**
 * Open message, RFC 5440 §6.2 (Message-Type 1).
 *   <Open Message> ::= <Common Header> <OPEN>
 */
import type { MessageDefinition } from '../definition.ts';
import { PcErr } from '../error-codes.ts';

export const openMessage: MessageDefinition<'Open'> = {
  type: 1,
  kind: 'Open',
  rfc: 'RFC 5440 §6.2',
  validate(objects) {
    // RFC 5440 §6.2: an Open message MUST contain exactly one OPEN object.
    if (objects.length === 0)
      return { index: 0, reason: 'Open message without an OPEN object', pcErr: PcErr.invalidOpen };
    if (objects[0]?.kind !== 'OPEN')
      return { index: 0, reason: 'Open message must start with the OPEN object', pcErr: PcErr.invalidOpen };
    if (objects.length > 1)
      return { index: 1, reason: 'Open message carries more than the OPEN object', pcErr: PcErr.invalidOpen };
    return undefined;
  },
};
