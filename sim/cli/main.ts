/** The pcelab command line: parses arguments and calls the library. */

const HELP = `pcelab: a discrete-event simulation lab for PCEP (RFC 5440)

Usage: pcelab <command> [options]

Commands:
  help                 show this help

Run 'pcelab <command> --help' for a command's options.
`;

/** Runs the command line; returns the exit status (0 ok, 1 failure, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  process.stderr.write(`pcelab: unknown command '${command}' (see 'pcelab --help')\n`);
  return 2;
}
