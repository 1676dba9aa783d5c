/**
 * PCUpd message, RFC 8231 §6.2 (Message-Type 11): an active stateful PCE updates the
 * attributes and path of LSPs delegated to it.
 *   <PCUpd Message>       ::= <Common Header>
 *                             <update-request-list>
 *   <update-request-list> ::= <update-request> [<update-request-list>]
 *   <update-request>      ::= <SRP>
 *                             <LSP>
 *                             <path>
 *   <path>                ::= <intended-path> <intended-attribute-list>
 * <intended-path> is an ERO (possibly empty: no path for the LSP), <intended-attribute-list>
 * the <attribute-list> of RFC 5440 §6.5.
 *
 * RFC 8231 §6.2: no SRP → PCErr 6/10, no LSP → 6/8, no ERO → 6/9 (checked in that order).
 */
import type { MessageDefinition } from '../definition.ts';
import { checkLspRequests } from './grammar.ts';

export const pcUpdMessage: MessageDefinition<'PCUpd'> = {
  type: 11,
  kind: 'PCUpd',
  rfc: 'RFC 8231 §6.2',
  validate(objects) {
    return checkLspRequests(objects, 'PCUpd', true, false);
  },
};
