/** Capture files for the CLI: placeholder until the pcap reader/writer lands. */
import type { DecodeOptions } from '../index.ts';
import { UsageError } from './io.ts';
import type { CaptureMeta } from './encode.ts';

export function decodeCapture(
  _file: string,
  _ports: string[],
  _o: DecodeOptions,
  _out: string[],
  _flush: () => void,
): void {
  throw new UsageError('--pcap is not available yet');
}

export function captureOf(_messages: { bytes: Uint8Array; meta: CaptureMeta }[]): Uint8Array {
  throw new UsageError('--pcap is not available yet');
}
