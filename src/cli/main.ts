/**
 * `rule-studio` command-line entry. Each command lives in ./commands/<name>.ts and exports
 * `run(args: string[], io: CliIO): Promise<number>` (the exit code).
 */
import type { CliIO } from './io.ts';
import { nodeIO } from './io.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(args: string[], io: CliIO): Promise<number> }> }> = {
  validate: { summary: 'validate rule files and folders', load: () => import('./commands/validate.ts') },
  fmt: { summary: 'format rule files as the detection-rules formatter does', load: () => import('./commands/fmt.ts') },
  eval: { summary: 'evaluate EQL or KQL rules and queries against events', load: () => import('./commands/eval.ts') },
  test: { summary: "run rules' test cases", load: () => import('./commands/test.ts') },
  serve: { summary: 'serve the app and a file API for a rules folder', load: () => import('./commands/serve.ts') },
};

function usage(): string {
  const lines = ['usage: rule-studio <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)}${c.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO = nodeIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`rule-studio: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest, io);
}

/** Runs the command line of this process and sets its exit code (bin/rule-studio calls this). */
export function runProcess(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`rule-studio: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isEntry) runProcess();
