/**
 * PCReq message, RFC 5440 §6.4 (Message-Type 3): a PCC asks a PCE for paths.
 *   <PCReq Message> ::= <Common Header>
 *                       [<svec-list>]
 *                       <request-list>
 *   <svec-list>     ::= <SVEC> [<svec-list>]
 *   <request-list>  ::= <request> [<request-list>]
 *   <request>       ::= <RP>
 *                       <END-POINTS>
 *                       [<LSPA>]
 *                       [<BANDWIDTH>]
 *                       [<metric-list>]
 *                       [<RRO> [<BANDWIDTH>]]
 *                       [<IRO>]
 *                       [<LOAD-BALANCING>]
 *   <metric-list>   ::= <METRIC> [<metric-list>]
 * as extended by later RFCs:
 *   - RFC 5886 (in-band monitoring): [<MONITORING>] [<PCC-ID-REQ>] before the svec-list;
 *   - RFC 5541 and RFC 5557: each SVEC may be followed by [<OF>] [<metric-list>] [<GC>] [<XRO>];
 *   - RFC 5520: a request may be <RP> <PATH-KEY> (a path-key expansion) instead of END-POINTS;
 *   - RFC 5455, RFC 5521, RFC 5541, RFC 8231 §6.4: CLASSTYPE, XRO, OF and LSP inside a request.
 *
 * RFC 5440 §6.4: each request starts with an RP (PCErr 6/1 when an object that belongs to a
 * request comes before any RP, or when there is no request at all) and carries END-POINTS
 * (PCErr 6/3, pointed at the request's RP). Before the first RP only the svec-list objects
 * (SVEC, OF, METRIC, GLOBAL-CONSTRAINTS, XRO) and MONITORING / PCC-REQ-ID-* may come, in any
 * order; inside a request the optional objects may come in any order (see grammar.ts).
 */
import type { GrammarViolation, Kinded, MessageDefinition } from '../definition.ts';
import { PcErr } from '../error-codes.ts';
import { isAnywhere, isEndPoints, isSessionControl, misplaced } from './grammar.ts';

/** Objects that may precede the request list: the svec-list and RFC 5886's prefix. */
function isPrefixObject(kind: string): boolean {
  return (
    kind === 'SVEC' ||
    kind === 'OF' ||
    kind === 'METRIC' ||
    kind === 'GLOBAL-CONSTRAINTS' ||
    kind === 'XRO' ||
    kind === 'MONITORING' ||
    kind.startsWith('PCC-REQ-ID') // PCC-REQ-ID-IPV4, PCC-REQ-ID-IPV6
  );
}

export const pcReqMessage: MessageDefinition<'PCReq'> = {
  type: 3,
  kind: 'PCReq',
  rfc: 'RFC 5440 §6.4',
  validate(objects) {
    const n = objects.length;
    let rp = -1; // the RP of the current request
    let endPoints = false;
    for (let k = 0; k < n; k++) {
      const kind = (objects[k] as Kinded).kind;
      if (isAnywhere(kind)) continue;
      // RFC 5440 §7.6: END-POINTS MUST have P set, else PCErr 10/1 and the request is cancelled;
      // §7.4.1 says the same of the RP in a PCReq. An object before any RP is first of all a
      // request without its RP (6/1, below), as OpenDaylight also reports it.
      if ((kind === 'RP' || (rp >= 0 && isEndPoints(kind))) && (objects[k] as { p?: boolean }).p !== true) {
        return { index: k, reason: `${kind} object with the P flag clear`, pcErr: PcErr.pFlagNotSet };
      }
      if (kind === 'RP') {
        if (rp >= 0 && !endPoints) return endPointsMissing(rp);
        rp = k;
        endPoints = false;
      } else if (isSessionControl(kind)) {
        return misplaced(k, kind, 'PCReq');
      } else if (rp < 0) {
        if (!isPrefixObject(kind)) {
          // RFC 5440 §6.4: a request starts with its RP.
          return { index: k, reason: `${kind} object before the request's RP`, pcErr: PcErr.rpMissing };
        }
      } else if (isEndPoints(kind) || kind === 'PATH-KEY') {
        // RFC 5520: <RP> <PATH-KEY> asks for a path-key expansion and needs no END-POINTS.
        endPoints = true;
      }
    }
    if (rp < 0)
      return { index: n, reason: 'PCReq message without a request (no RP object)', pcErr: PcErr.rpMissing };
    if (!endPoints) return endPointsMissing(rp);
    return undefined;
  },
};

function endPointsMissing(rp: number): GrammarViolation {
  // RFC 5440 §6.4: END-POINTS is mandatory in every request.
  return { index: rp, reason: 'PCReq request without an END-POINTS object', pcErr: PcErr.endPointsMissing };
}
