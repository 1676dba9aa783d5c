/**
 * PCMonReq message, RFC 5886 §3.2 (Message-Type 8): out-of-band monitoring of a PCE or of a
 * path computation chain.
 *   <PCMonReq Message> ::= <Common Header>
 *                          <MONITORING>
 *                          <PCC-ID-REQ>
 *                          [<pce-list>]
 *                          [<svec-list>]
 *                          [<request-list>]
 *   <pce-list>         ::= <PCE-ID> [<pce-list>]
 * <svec-list> and <request-list> are those of PCReq (RFC 5440 §6.4). The PCC-ID-REQ object is
 * IANA's PCC-REQ-ID (Object-Class 20).
 *
 * RFC 5886 §3.2: the MONITORING object is mandatory; without it a PCE answers PCErr 6/4
 * (MONITORING object missing). Everything else is taken leniently (no order, PCC-REQ-ID and
 * the requests not checked); only the session-level objects are refused (see grammar.ts).
 */
import type { MessageDefinition } from '../definition.ts';
import { checkMonitoring } from './grammar.ts';

export const pcMonReqMessage: MessageDefinition<'PCMonReq'> = {
  type: 8,
  kind: 'PCMonReq',
  rfc: 'RFC 5886 §3.2',
  validate(objects) {
    return checkMonitoring(objects, 'PCMonReq');
  },
};
