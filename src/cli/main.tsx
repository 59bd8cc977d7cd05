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
import {rejectFlagsWithoutValue, rejectNumbersNotDigits} from './flag-values.js';
import {commandFlagHelp, flagSpecs} from './usage.js';
import {type CommandLine, readCommandLine} from './command-line.js';
import {wholeHelp} from './help-text.js';
import {packageVersion} from '../host/package-version.js';
import {dispatchCommand} from './command-dispatch.js';
import {exitCodeFor} from './error-exit.js';

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** The one-letter flags other programs take for a flag of this one, by what they mean here. */
const shortFlagMeanings: Record<string, string> = {h: 'help', v: 'version', V: 'version'};

/**
 * A flag this program does not know: a usage error naming it, with the closest known flag. A one-letter
 * flag is no typo of a long one (every letter is within two edits of `db`, so `-n` and `-h` were answered
 * `did you mean --db?`): only the usual `-h` and `-v` are named as what they mean here.
 */
function rejectUnknownFlags(cli: CommandLine): void {
	const flags = [...Object.keys(flagSpecs), 'help', 'version'].map(name => kebab(name));
	const unknown = cli.given.filter(name => !flags.includes(name));
	if (unknown.length > 0) {
		const shown = unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`));
		const first = unknown[0]!;
		const suggestion = first.length === 1 ? shortFlagMeanings[first] : didYouMean(first, flags);
		throw new UsageError(`unknown flag${unknown.length === 1 ? '' : 's'} ${shown.join(', ')}${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see sage-console --help`);
	}
}

/** Reads the command line, then carries out its command. */
async function main(): Promise<number> {
	const cli = readCommandLine(process.argv.slice(2));
	process.title = processTitle(process.argv.slice(2));
	rejectUnknownFlags(cli);
	const [command, ...rest] = cli.input;
	if (cli.help) {
		process.stdout.write(`${commandHelp(wholeHelp(), command, command === undefined ? [] : commandFlagHelp[command], projectFlagsOf(command))}\n`);
		return exitCodes.ok;
	}

	if (cli.version) {
		// Beside --root or a command too: it would otherwise start the scheduler.
		process.stdout.write(`${packageVersion()}\n`);
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
