/**
 * PCInitiate message, RFC 8281 §5.1 (Message-Type 12): a PCE asks a PCC to instantiate or
 * delete an LSP.
 *   <PCInitiate Message>              ::= <Common Header>
 *                                         <PCE-initiated-lsp-list>
 *   <PCE-initiated-lsp-list>          ::= <PCE-initiated-lsp-request>
 *                                         [<PCE-initiated-lsp-list>]
 *   <PCE-initiated-lsp-request>       ::= (<PCE-initiated-lsp-instantiation> |
 *                                          <PCE-initiated-lsp-deletion>)
 *   <PCE-initiated-lsp-instantiation> ::= <SRP>
 *                                         <LSP>
 *                                         [<END-POINTS>]
 *                                         <ERO>
 *                                         [<attribute-list>]
 *   <PCE-initiated-lsp-deletion>      ::= <SRP>
 *                                         <LSP>
 * <attribute-list> is RFC 5440 §6.5's. A request is a deletion when its SRP carries the R
 * (LSP-Remove) flag (RFC 8281 §5.2); then nothing follows the LSP that pcelab requires.
 *
 * RFC 8281 §5.1: no SRP → PCErr 6/10, no LSP → 6/8, no ERO in an instantiation → 6/9.
 */
import type { MessageDefinition } from '../definition.ts';
import { checkLspRequests } from './grammar.ts';

export const pcInitiateMessage: MessageDefinition<'PCInitiate'> = {
  type: 12,
  kind: 'PCInitiate',
  rfc: 'RFC 8281 §5.1',
  validate(objects) {
    return checkLspRequests(objects, 'PCInitiate', true, true);
  },
};
