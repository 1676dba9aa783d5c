/**
 * The messages the codec benchmark and fuzzer start from, written by hand as annotated hex:
 * the steady-state traffic of a stateful SR PCE (RFC 8231, RFC 8664).
 */
import { parseHex } from '../fixtures/pcep/fixture.ts';

/** Six SR-ERO hops (RFC 8664 §4.3.1): NT=1 (IPv4 node ID), M set, SID = label 16001..16006. */
const srEro6 = `
  07 10 004c                      # ERO, length 76
  24 0c 10 01  03e81000 c0000201  # SR, NT=1, M; SID label 16001; NAI 192.0.2.1
  24 0c 10 01  03e82000 c0000202  # label 16002, 192.0.2.2
  24 0c 10 01  03e83000 c0000203
  24 0c 10 01  03e84000 c0000204
  24 0c 10 01  03e85000 c0000205
  24 0c 10 01  03e86000 c0000206
`;

export const benchMessages: { message: string; hex: string }[] = [
  {
    message: 'Open',
    hex: `
      20 01 0028                      # Open, 40 bytes
      01 10 0024  20 1e 78 01         # OPEN, 36 bytes: Keepalive 30, DeadTimer 120, SID 1
      0010 0004 00000005              # STATEFUL-PCE-CAPABILITY: U, I
      0022 0010 000000 01 01 000000   # PATH-SETUP-TYPE-CAPABILITY: 1 PST (1 = SR), padding
      001a 0004 0000 00 0a            # sub-TLV SR-PCE-CAPABILITY: MSD 10
    `,
  },
  { message: 'Keepalive', hex: '20 02 0004' },
  {
    message: 'PCRpt',
    hex: `
      20 0a 00a4                      # PCRpt, 164 bytes
      21 10 0014  00000000 00000007   # SRP: SRP-ID 7
      001c 0004 00000001              #   PATH-SETUP-TYPE: SR
      20 10 002c  00001029            # LSP: PLSP-ID 1, O=2 (UP), A, D
      0011 000a 6c73702d312d746f2d36 0000         # SYMBOLIC-PATH-NAME "lsp-1-to-6"
      0012 0010 c0000201 0001 0001 c0000201 c0000206  # IPV4-LSP-IDENTIFIERS
      ${srEro6}
      05 10 0008  4b3ebc20            # BANDWIDTH: 12.5e6 bytes/s (100 Mb/s)
      06 10 000c  0000 00 02 41a00000 # METRIC: TE, 20
    `,
  },
  {
    message: 'PCUpd',
    hex: `
      20 0b 0090                      # PCUpd, 144 bytes
      21 10 0014  00000000 00000008   # SRP: SRP-ID 8
      001c 0004 00000001              #   PATH-SETUP-TYPE: SR
      20 10 0018  00001009            # LSP: PLSP-ID 1, A, D
      0011 000a 6c73702d312d746f2d36 0000         # SYMBOLIC-PATH-NAME
      ${srEro6}
      05 10 0008  4b3ebc20            # BANDWIDTH
      06 10 000c  0000 00 02 41a00000 # METRIC: TE, 20
    `,
  },
  {
    message: 'PCInitiate',
    hex: `
      20 0c 009c                      # PCInitiate, 156 bytes
      21 10 0014  00000000 00000009   # SRP: SRP-ID 9
      001c 0004 00000001              #   PATH-SETUP-TYPE: SR
      20 10 0018  00000009            # LSP: PLSP-ID 0, A, D
      0011 000a 6c73702d312d746f2d36 0000         # SYMBOLIC-PATH-NAME
      04 10 000c  c0000201 c0000206   # END-POINTS IPv4
      ${srEro6}
      05 10 0008  4b3ebc20            # BANDWIDTH
      06 10 000c  0000 00 02 41a00000 # METRIC: TE, 20
    `,
  },
];

/** The bench messages as bytes. */
export function benchMessageBytes(): { message: string; bytes: Uint8Array }[] {
  return benchMessages.map((m) => ({ message: m.message, bytes: parseHex(m.hex) }));
}
