/**
 * The command tree citty carries: `run` (the default, so `locust-bun -f x.ts` is `locust-bun run -f x.ts`),
 * `build` and `help`. The run command keeps Locust's own flag table and `--help` text; the others use citty's.
 * @module
 */
import { defineCommand, showUsage, type CommandDef } from "citty";
import { main } from "./main.ts";
import packageJson from "../../package.json" with { type: "json" };

/** `locust-bun run [options] [UserClass ...]`: today's CLI, parsed by Locust's flag table (`src/core/options`). */
export const runTestCommand = defineCommand({
  meta: {
    name: "run",
    description: "Run a load test (the default command: `locust-bun [options]`); `locust-bun --help` lists its options",
  },
  async run({ rawArgs }) {
    process.exitCode = await main(rawArgs);
  },
});

/** `locust-bun build`, loaded only when asked for (it pulls in the bundler code). */
const loadBuildCommand = async (): Promise<CommandDef> => (await import("./build/build-command.ts")).buildCommand as CommandDef;

/** `locust-bun help [command]`: the command list, or one command's usage. */
export const helpCommand = defineCommand({
  meta: { name: "help", description: "Show the commands, or one command's options: `locust-bun help build`" },
  args: { command: { type: "positional", required: false, description: "run or build" } },
  async run({ args }) {
    const name = args.command;
    if (name === "run") return void (process.exitCode = await main(["--help"]));
    const sub = name ? await findSubCommand(name) : undefined;
    await showUsage(sub ?? rootCommand, sub ? rootCommand : undefined);
  },
});

/** The root: only a table of contents; {@link selectCommand} picks the command to run. */
export const rootCommand = defineCommand({
  meta: { name: "locust-bun", version: packageJson.version, description: "Locust's load-testing model on Bun" },
  subCommands: { run: runTestCommand, build: loadBuildCommand, help: helpCommand },
});

async function findSubCommand(name: string): Promise<CommandDef | undefined> {
  if (name === "run") return runTestCommand as CommandDef;
  if (name === "build") return loadBuildCommand();
  if (name === "help") return helpCommand as CommandDef;
  return undefined;
}

/** The command argv asks for, the arguments it gets, and whether `--help` should show citty's usage for it. */
export interface SelectedCommand {
  command: CommandDef;
  rawArgs: string[];
  showUsage: boolean;
}

/**
 * Picks the command: a first argument naming one selects it; anything else (flags, user classes, a smoke-mode URL)
 * is the run command with every argument, exactly as before subcommands existed. A built executable has only `run`.
 */
export async function selectCommand(argv: readonly string[], embedded: boolean): Promise<SelectedCommand> {
  const named = embedded || argv[0] === undefined ? undefined : await findSubCommand(argv[0]);
  if (!named) return { command: runTestCommand as CommandDef, rawArgs: [...argv], showUsage: false };
  const rawArgs = argv.slice(1);
  const asksHelp = rawArgs.includes("--help") || rawArgs.includes("-h");
  return { command: named, rawArgs, showUsage: asksHelp && named !== runTestCommand };
}
