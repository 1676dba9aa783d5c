/**
 * PCRpt message, RFC 8231 §6.1 (Message-Type 10): a PCC reports the state of its LSPs.
 *   <PCRpt Message>         ::= <Common Header>
 *                               <state-report-list>
 *   <state-report-list>     ::= <state-report> [<state-report-list>]
 *   <state-report>          ::= [<SRP>]
 *                               <LSP>
 *                               <path>
 *   <path>                  ::= <intended-path>
 *                               [<actual-attribute-list> <actual-path>]
 *                               <intended-attribute-list>
 *   <actual-attribute-list> ::= [<BANDWIDTH>] [<metric-list>]
 * <intended-path> is an ERO, <actual-path> an RRO, and <intended-attribute-list> the
 * <attribute-list> of RFC 5440 §6.5 (LSPA, BANDWIDTH, metric-list, IRO).
 *
 * RFC 8231 §6.1: no LSP object → PCErr 6/8; no ERO in a report → PCErr 6/9. The end-of-sync
 * marker (RFC 8231 §5.6) is no exception: it carries an empty ERO. Optional objects may come
 * in any order after the LSP (see grammar.ts).
 */
import type { MessageDefinition } from '../definition.ts';
import { checkLspRequests } from './grammar.ts';

export const pcRptMessage: MessageDefinition<'PCRpt'> = {
  type: 10,
  kind: 'PCRpt',
  rfc: 'RFC 8231 §6.1',
  validate(objects) {
    return checkLspRequests(objects, 'PCRpt', false, false);
  },
};
