/**
 * PCRep message, RFC 5440 §6.5 (Message-Type 4): a PCE answers path computation requests.
 *   <PCRep Message>  ::= <Common Header>
 *                        <response-list>
 *   <response-list>  ::= <response> [<response-list>]
 *   <response>       ::= <RP>
 *                        [<NO-PATH>]
 *                        [<attribute-list>]
 *                        [<path-list>]
 *   <path-list>      ::= <path> [<path-list>]
 *   <path>           ::= <ERO> <attribute-list>
 *   <attribute-list> ::= [<LSPA>]
 *                        [<BANDWIDTH>]
 *                        [<metric-list>]
 *                        [<IRO>]
 * as extended by later RFCs: RFC 5886 puts [<MONITORING>] [<PCC-ID-REQ>] and a metric-pce-list
 * (PCE-ID, PROC-TIME, OVERLOAD) in a response; RFC 5541 OF, RFC 5521 XRO, RFC 8231 §6.5 LSP.
 *
 * RFC 5440 §6.5: a PCRep carries at least one RP and each response starts with one; an empty
 * PCRep or an object that belongs to a response before any RP → PCErr 6/1. Inside a response
 * nothing more is mandatory, in any order (see grammar.ts).
 */
import type { Kinded, MessageDefinition } from '../definition.ts';
import { PcErr } from '../error-codes.ts';
import { isAnywhere, isSessionControl, misplaced } from './grammar.ts';

export const pcRepMessage: MessageDefinition<'PCRep'> = {
  type: 4,
  kind: 'PCRep',
  rfc: 'RFC 5440 §6.5',
  validate(objects) {
    const n = objects.length;
    let rp = false;
    for (let k = 0; k < n; k++) {
      const kind = (objects[k] as Kinded).kind;
      if (isAnywhere(kind)) continue;
      if (kind === 'RP') rp = true;
      else if (isSessionControl(kind)) return misplaced(k, kind, 'PCRep');
      else if (!rp) {
        return { index: k, reason: `${kind} object before the response's RP`, pcErr: PcErr.rpMissing };
      }
    }
    if (!rp)
      return { index: n, reason: 'PCRep message without a response (no RP object)', pcErr: PcErr.rpMissing };
    return undefined;
  },
};
