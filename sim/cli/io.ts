/** Input/output helpers shared by the commands: whole-stdin reads and all-or-nothing file writes. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** A problem with what the user gave us: printed as one line, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads all of standard input. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes a file so that readers never see it half-written: a temporary file, then a rename. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Parses hex text into bytes. Whitespace, ':' separators and a leading 0x are allowed;
 * anything else is a UsageError naming the argument and the character position.
 */
export function parseHexArgument(text: string, where: string): Uint8Array {
  const digits: number[] = [];
  let pending = -1;
  const body = text.replace(/^\s*0x/i, (m) => ' '.repeat(m.length));
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === ':') continue;
    const v = parseInt(c, 16);
    if (Number.isNaN(v)) throw new UsageError(`${where}, character ${i + 1}: '${c}' is not a hex digit`);
    if (pending < 0) pending = v;
    else {
      digits.push((pending << 4) | v);
      pending = -1;
    }
  }
  if (pending >= 0) throw new UsageError(`${where}: odd number of hex digits`);
  return Uint8Array.from(digits);
}
