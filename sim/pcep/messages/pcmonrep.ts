/**
 * PCMonRep message, RFC 5886 §3.3 (Message-Type 9): the answer to an out-of-band monitoring
 * request.
 *   <PCMonRep Message> ::= <Common Header>
 *                          <MONITORING>
 *                          <PCC-ID-REQ>
 *                          [<RP>]
 *                          [<metric-pce-list>]
 *   <metric-pce-list>  ::= <metric-pce> [<metric-pce-list>]
 *   <metric-pce>       ::= <PCE-ID>
 *                          [<PROC-TIME>]
 *                          [<OVERLOAD>]
 * The PCC-ID-REQ object is IANA's PCC-REQ-ID (Object-Class 20).
 *
 * RFC 5886 §3.3: the MONITORING object is mandatory; without it the receiver answers PCErr 6/4
 * (MONITORING object missing). Everything else is taken leniently; only the session-level
 * objects are refused (see grammar.ts).
 */
import type { MessageDefinition } from '../definition.ts';
import { checkMonitoring } from './grammar.ts';

export const pcMonRepMessage: MessageDefinition<'PCMonRep'> = {
  type: 9,
  kind: 'PCMonRep',
  rfc: 'RFC 5886 §3.3',
  validate(objects) {
    return checkMonitoring(objects, 'PCMonRep');
  },
};
