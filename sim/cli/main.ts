/** The pcelab command line: parses arguments and calls the library through sim/index.ts. */
import { setProvisionalCodePoints, type ProvisionalCodePoints } from '../index.ts';
import { DECODE_HELP, runDecode } from './decode.ts';
import { ENCODE_HELP, runEncode } from './encode.ts';
import { UsageError } from './io.ts';
import { COMPARE_HELP, LIST_HELP, RUN_HELP, runCompare, runList, runRun } from './run.ts';

const commands: Record<string, { run: (argv: string[]) => Promise<number>; summary: string; help: string }> =
  {
    run: {
      run: runRun,
      summary: 'run a scenario under a stateless, passive or active stateful PCE',
      help: RUN_HELP,
    },
    compare: {
      run: runCompare,
      summary: 'run scenarios under all three PCE modes, side by side',
      help: COMPARE_HELP,
    },
    list: {
      run: runList,
      summary: 'list the built-in scenarios and topologies',
      help: LIST_HELP,
    },
    decode: {
      run: runDecode,
      summary: 'PCEP bytes (hex or pcap) to JSON, one message per line',
      help: DECODE_HELP,
    },
    encode: {
      run: runEncode,
      summary: 'JSON messages back to hex lines or a pcap capture',
      help: ENCODE_HELP,
    },
  };

const HELP = `pcelab: a discrete-event simulation lab for PCEP (RFC 5440)

Usage: pcelab <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}
  help       show this help, or 'pcelab help <command>' for one command

Environment:
  PCELAB_CODEPOINTS  JSON object overriding the provisional code points of drafts
                     (Open Refresh, inter-PCE state sync), e.g. '{"openRefreshNotificationType":6}'.
                     Keys: openRefreshFlagMask, openRefreshNotificationType,
                     openRefreshNotificationValue, openRefreshErrorType, openRefreshErrorValue,
                     stateSyncFlagMask.

Exit status: 0 success, 1 internal failure, 2 bad input (arguments, files or bytes).
`;

function applyCodePointOverrides(): void {
  const text = process.env.PCELAB_CODEPOINTS;
  if (text === undefined || text.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError('PCELAB_CODEPOINTS: not a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError('PCELAB_CODEPOINTS: not a JSON object');
  }
  try {
    setProvisionalCodePoints(parsed as Partial<ProvisionalCodePoints>);
  } catch (err) {
    throw new UsageError(`PCELAB_CODEPOINTS: ${(err as Error).message}`);
  }
}

/** Runs the command line; returns the exit status (0 ok, 1 failure, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === 'help') {
    const topic = rest[0] === undefined ? undefined : commands[rest[0]];
    process.stdout.write(topic ? `${topic.help}\n` : HELP);
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`pcelab: unknown command '${name}' (see 'pcelab --help')\n`);
    return 2;
  }
  try {
    applyCodePointOverrides();
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // One line, whatever node:util's parseArgs puts in its message.
      process.stderr.write(`pcelab ${name}: ${(err as Error).message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    if ((err as { code?: string }).code === 'ENOENT' || (err as { code?: string }).code === 'EACCES') {
      process.stderr.write(`pcelab ${name}: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}
