import meow from 'meow';
import {resolvePaths} from '../host/paths.js';
import {didYouMean} from '../config/did-you-mean.js';
import {exitCodes} from './exit-codes.js';
import {UsageError} from './commands/usage-error.js';
import {printWhileOutputOpen, quitWhenOutputClosed} from './closed-output.js';
import {processTitle} from './process-title.js';
import {releaseVanishedTerminal, stdioTerminals} from './vanished-terminal.js';
import {commandHelp} from './command-help.js';
import {rejectExtraArguments} from './positional-arguments.js';
import {projectFlagsOf, rejectFlagsNotTaken} from './command-flags.js';
import {commandLineError, rejectFlagsWithoutValue, rejectNumbersNotDigits} from './flag-values.js';
import {commandFlagHelp, flagSpecs, help} from './usage.js';
import {dispatchCommand} from './command-dispatch.js';
import {exitCodeFor} from './error-exit.js';

/** The command line as meow reads it; what meow refuses (a flag given twice) is a usage error. */
function readCommandLine() {
	try {
		return meow(help, {
			importMeta: import.meta,
			// Unknown flags are ours to report (meow's own message is a bare "Unknown flag --x").
			allowUnknownFlags: true,
			flags: flagSpecs,
		});
	} catch (error) {
		throw commandLineError(error);
	}
}

type CommandLine = ReturnType<typeof readCommandLine>;

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** A flag this program does not know: a usage error naming it, with the closest known flag. */
function rejectUnknownFlags(cli: CommandLine): void {
	const flags = [...Object.keys(flagSpecs), 'help', 'version'].map(name => kebab(name));
	const unknown = Object.keys(cli.unnormalizedFlags).map(name => kebab(name)).filter(name => !flags.includes(name));
	if (unknown.length > 0) {
		const shown = unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`));
		const suggestion = didYouMean(unknown[0]!, flags);
		throw new UsageError(`unknown flag${unknown.length === 1 ? '' : 's'} ${shown.join(', ')}${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see sage-console --help`);
	}
}

/** Reads the command line, then carries out its command. */
async function main(): Promise<number> {
	const cli = readCommandLine();
	// After meow, which names the process after the package alone.
	process.title = processTitle(process.argv.slice(2));
	rejectUnknownFlags(cli);
	const [command, ...rest] = cli.input;
	if (cli.unnormalizedFlags.help) {
		// meow answers a bare --help itself; with a command or other flags it is ours to answer.
		process.stdout.write(`${commandHelp(cli.help, command, command === undefined ? [] : commandFlagHelp[command], projectFlagsOf(command))}\n`);
		return exitCodes.ok;
	}

	if (cli.unnormalizedFlags.version) {
		// meow answers a bare --version itself; beside --root or a command it would otherwise start the scheduler.
		process.stdout.write(`${cli.pkg.version}\n`);
		return exitCodes.ok;
	}

	rejectExtraArguments(command, rest);
	rejectFlagsNotTaken(command, process.argv.slice(2));
	rejectFlagsWithoutValue(command, process.argv.slice(2));
	rejectNumbersNotDigits(command, process.argv.slice(2));
	const flags = cli.flags;
	const paths = resolvePaths(flags);
	if (flags.http !== undefined) {
		// Read by the scheduling host wherever it runs (this thread when headless, the console's scheduler thread).
		process.env.SAGE_HTTP = flags.http;
	}

	if (command === 'run') {
		printWhileOutputOpen();
	} else if (command !== undefined && command !== 'worker') {
		quitWhenOutputClosed();
	}

	try {
		return await dispatchCommand(command, rest, flags, paths);
	} catch (error) {
		return exitCodeFor(error, paths);
	}
}

const terminals = stdioTerminals();
try {
	process.exitCode = await main();
} catch (error) {
	process.exitCode = exitCodeFor(error);
}

releaseVanishedTerminal(terminals);
