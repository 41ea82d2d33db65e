import { Command, Io, processIo, UsageError } from './usage';
import { packageVersion } from '../package-root';

/**
 * One entry per command; each command lives in a file of its own and is loaded only when it runs
 * (`load: () => require('./x').xCommand`), so `berth synth` never pays for import's ts-morph or diff's client.
 */
const COMMANDS: Record<string, { load: () => Command; summary: string }> = {
  synth: { load: () => require('./synth').synthCommand, summary: 'synthesize the app of cdk8s.yaml into manifests' },
  init: { load: () => require('./init').initCommand, summary: 'create a new berth project' },
  diff: { load: () => require('./diff').diffCommand, summary: 'show what applying the app would change in the cluster' },
  import: { load: () => require('./import').importCommand, summary: 'generate typed constructs from CRDs, OpenAPI or the Kubernetes API' },
  validate: { load: () => require('./validate').validateCommand, summary: 'check an appc manifest, image archive (.aci) or image layout against the spec' },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: berth <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help     show help (also: berth <command> --help)
  -v, --version  show the version

Exit codes: 0 success, 1 invalid app or changes found (diff), 2 usage error.
`;
}

export async function run(args: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = args;
  const verbose = rest.includes('--verbose');
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.out(help());
      return name === undefined ? 2 : 0;
    }
    if (name === '-v' || name === '--version' || name === 'version') {
      io.out(`${packageVersion()}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.load()(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`berth: ${(error as Error).message}\nRun "berth ${COMMANDS[name ?? ''] ? `${name} ` : ''}--help" for usage.\n`);
      return 2;
    }
    io.err(`berth: ${verbose ? (error as Error).stack : (error as Error).message}\n`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
