/**
 * PCEP-ERROR Error-Types and Error-values (IANA "PCEP-ERROR Object Error Types and Values")
 * used by the codec and the session machine. One table; names are IANA's.
 */

export interface PcErrCode {
  readonly errorType: number;
  readonly errorValue: number;
}

function code(errorType: number, errorValue: number): PcErrCode {
  return { errorType, errorValue };
}

/** The (Error-Type, Error-value) pairs pcelab sends, by what they mean. */
export const PcErr = {
  // RFC 5440 §7.15, Error-Type 1: PCEP session establishment failure.
  invalidOpen: code(1, 1),
  noOpenBeforeOpenWait: code(1, 2),
  nonNegotiable: code(1, 3), // unacceptable and non-negotiable session characteristics
  negotiable: code(1, 4), // unacceptable but negotiable (the PCErr carries acceptable values)
  secondUnacceptableOpen: code(1, 5),
  pcErrUnacceptableParameters: code(1, 6),
  noKeepaliveBeforeKeepWait: code(1, 7),
  // Error-Type 2: capability not supported.
  capabilityNotSupported: code(2, 0), // also the answer to an unknown message (RFC 5440 §6.9)
  // Error-Type 3: unknown object.
  unrecognizedObjectClass: code(3, 1),
  unrecognizedObjectType: code(3, 2),
  // Error-Type 4: not supported object.
  notSupportedObjectClass: code(4, 1),
  notSupportedObjectType: code(4, 2),
  // Error-Type 6: mandatory object missing.
  rpMissing: code(6, 1),
  rroMissing: code(6, 2),
  endPointsMissing: code(6, 3),
  monitoringMissing: code(6, 4), // RFC 5886
  lspMissing: code(6, 8), // RFC 8231
  eroMissing: code(6, 9), // RFC 8231
  srpMissing: code(6, 10), // RFC 8231
  lspIdentifiersMissing: code(6, 11), // RFC 8231
  lspDbVersionMissing: code(6, 12), // RFC 8232
  // Error-Type 7: synchronized path computation request missing.
  svecRequestMissing: code(7, 0),
  // Error-Type 8: unknown request reference.
  unknownRequestReference: code(8, 0),
  // Error-Type 9: attempt to establish a second PCEP session.
  secondSession: code(9, 0),
  // Error-Type 10: reception of an invalid object.
  pFlagNotSet: code(10, 1),
  bothSidAndNaiAbsentInSrEro: code(10, 6), // RFC 8664
  bothSidAndNaiAbsentInSrRro: code(10, 7), // RFC 8664
  symbolicPathNameMissing: code(10, 8), // RFC 8281
  malformedObject: code(10, 11), // RFC 8664: "Malformed object", used for any ill-formed object or TLV
  unsupportedNaiType: code(10, 13), // RFC 8664
  msdMustBeNonzero: code(10, 21), // RFC 8664: SR-PCE-CAPABILITY MSD 0 with X clear
  // Error-Type 19: invalid operation (RFC 8231).
  updateNotDelegated: code(19, 1), // an LSP update request for an LSP not delegated to the sender
  updateUnknownPlspId: code(19, 3), // an LSP update request for an unknown PLSP-ID
  // Error-Type 24: LSP instantiation error (RFC 8281).
  unacceptableInstantiation: code(24, 1), // unacceptable instantiation parameters
} as const satisfies Record<string, PcErrCode>;

/** IANA names of the Error-Types, for traces and the CLI. */
export const pcErrTypeNames: Readonly<Record<number, string>> = {
  1: 'PCEP session establishment failure',
  2: 'Capability not supported',
  3: 'Unknown Object',
  4: 'Not supported object',
  5: 'Policy violation',
  6: 'Mandatory Object missing',
  7: 'Synchronized path computation request missing',
  8: 'Unknown request reference',
  9: 'Attempt to establish a second PCEP session',
  10: 'Reception of an invalid object',
  19: 'Invalid Operation',
  20: 'LSP State synchronization error',
  23: 'Bad parameter value',
  24: 'LSP instantiation error',
};
