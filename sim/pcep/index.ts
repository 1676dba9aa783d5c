/** The PCEP codec's public surface. */
export * from './address.ts';
export * from './error-codes.ts';
export * from './errors.ts';
export type * from './definition.ts';
export * from './provisional.ts';
export * from './wire.ts';
export * from './tlvs/registry.ts';
export * from './subobjects/registry.ts';
export * from './objects/registry.ts';
export * from './messages/registry.ts';
export * from './json.ts';
export * from './pcap.ts';
export * from './framer.ts';
