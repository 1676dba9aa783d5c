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
import type { Kinded, MessageDefinition } from '../definition.ts';
import { PcErr } from '../error-codes.ts';
import { isSessionControl, misplaced } from './grammar.ts';

export const pcMonReqMessage: MessageDefinition<'PCMonReq'> = {
  type: 8,
  kind: 'PCMonReq',
  rfc: 'RFC 5886 §3.2',
  validate(objects) {
    const n = objects.length;
    let monitoring = false;
    for (let k = 0; k < n; k++) {
      const kind = (objects[k] as Kinded).kind;
      if (kind === 'MONITORING') monitoring = true;
      else if (isSessionControl(kind)) return misplaced(k, kind, 'PCMonReq');
    }
    if (!monitoring) {
      return {
        index: 0,
        reason: 'PCMonReq message without a MONITORING object',
        pcErr: PcErr.monitoringMissing,
      };
    }
    return undefined;
  },
};
