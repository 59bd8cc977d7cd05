import meow from 'meow';
import {resolvePaths, type AppPaths} from '../host/paths.js';
import {SchedulerRunningError} from '../host/instance-lock.js';
import {NoSchedulerError} from '../host/socket-client.js';
import {ConnectionClosedError, ProtocolError} from '../protocol/wire.js';
import {exitCodes} from './exit-codes.js';
import {SchedulerLostError} from './follow-run.js';
import {UsageError} from './commands/usage-error.js';
import {NoProjectError} from './commands/project-root.js';
import {ConfigError} from '../config/config-problem.js';
import {didYouMean} from '../config/did-you-mean.js';
import {DatabaseError} from '../store/open-database.js';
import {printWhileOutputOpen, quitWhenOutputClosed} from './closed-output.js';
import {processTitle} from './process-title.js';
import {releaseVanishedTerminal, stdioTerminals} from './vanished-terminal.js';
import {commandHelp} from './command-help.js';
import {rejectExtraArguments} from './positional-arguments.js';

const help = `
	Usage
	  $ sage-console [--root DIR] [--config FILE] [--db FILE]   open the console (scheduler runs inside)
	  $ sage-console --headless                                  the scheduler without a UI, logging to stdout
	  $ sage-console init [DIR]                                  a starter project root in DIR (default: here); never overwrites
	  $ sage-console validate                                    check config/ (jobs.yaml, calendar.yaml, notify files), every problem with FILE:LINE:COL
	  $ sage-console list [--json] [--from ISO] [--count N]      next fire times of every job
	  $ sage-console history [--json] [--job ID] [--status S] [--since DATE] [--limit N]
	  $ sage-console show RUN_ID [--json]                        one run with its stack trace and log path
	  $ sage-console run JOB [--param k=v ...] [--trade-date D | --from D1 --to D2] [--detach]
	                                                             run now: through the live scheduler if one runs, else here;
	                                                             follows its retries; exit 0 when the last attempt succeeded
	  $ sage-console status [--json]                             the live scheduler: pid, uptime, pause, running runs, next fires
	  $ sage-console pause JOB|--all · resume JOB|--all          pause a job, or the whole scheduler (--all)
	  $ sage-console cancel RUN_ID · retry RUN_ID · reload       steer the live scheduler
	  $ sage-console start|stop|restart SERVICE [--json]         a service of jobs.yaml (services:); status shows them
	  $ sage-console logs RUN_ID [--follow]                      a run's log, followed until the run ends (exit 1 if it did not succeed)
	  $ sage-console calendar [--year Y] [--json]                trading days and exchange closures
	  $ sage-console plan [--date D] [--json]                    what fires when on a day
	  $ sage-console notify test [--channel C]                   a test message through each channel
	  $ sage-console export [--format yaml|json] [--jobs a,b]    job definitions as written, and which are paused
	  $ sage-console import FILE [--dry-run]                     replace the job list from FILE (the diff first; comments kept)
	  $ sage-console ping JOB [--start | --fail]                 a heartbeat job's ping from a shell
	  $ sage-console worker [--redis URL] [--queues a,b] [--concurrency N] [--grace 30s]
	                                                             carry out run_on: workers jobs on this machine (docs/workers.md)

	Options
	  --root DIR      project root (config/, jobs/, data/, logs/); default: the current directory
	  --config FILE   jobs file; default: ROOT/config/jobs.yaml
	  --db FILE       history database; default: ROOT/data/sage.db
	  --headless      no console: for systemd and pipes
	  --http ADDR     serve the HTTP API on ADDR (e.g. 127.0.0.1:8470), as jobs.yaml's http: would
	  --help, --version

	Exit codes: 0 ok · 1 failed run, bad config or database problem · 2 usage error
	            3 another scheduler already schedules this database · 4 no scheduler is running (or it went away)
`;

/** Every flag; anything else on the command line is a usage error (rejectUnknownFlags). */
const flagSpecs = {
	root: {type: 'string'},
	config: {type: 'string'},
	db: {type: 'string'},
	headless: {type: 'boolean'},
	json: {type: 'boolean'},
	from: {type: 'string'},
	to: {type: 'string'},
	count: {type: 'number'},
	job: {type: 'string'},
	status: {type: 'string'},
	since: {type: 'string'},
	limit: {type: 'number'},
	param: {type: 'string', isMultiple: true},
	tradeDate: {type: 'string'},
	year: {type: 'number'},
	date: {type: 'string'},
	channel: {type: 'string'},
	all: {type: 'boolean'},
	follow: {type: 'boolean'},
	detach: {type: 'boolean'},
	http: {type: 'string'},
	format: {type: 'string'},
	jobs: {type: 'string'},
	dryRun: {type: 'boolean'},
	start: {type: 'boolean'},
	fail: {type: 'boolean'},
	redis: {type: 'string'},
	queues: {type: 'string'},
	concurrency: {type: 'number'},
	grace: {type: 'string'},
	lockDuration: {type: 'string'},
	stalledInterval: {type: 'string'},
} as const;

const cli = meow(help, {
	importMeta: import.meta,
	// Unknown flags are ours to report (meow's own message is a bare "Unknown flag --x").
	allowUnknownFlags: true,
	flags: flagSpecs,
});
process.title = processTitle(process.argv.slice(2));

async function openConsole(paths: AppPaths): Promise<number> {
	// React's development build is several times slower per frame; the console never needs it.
	process.env.NODE_ENV ??= 'production';
	// We are on a real terminal here. Ink reads CI=true once, at import, and would then draw nothing
	// until exit; hide it for that import only (jobs still see the real environment). Removed, not set
	// to 'false': chalk, imported with Ink, takes any CI variable for a CI machine and turns colour off.
	const ci = {CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION};
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const {consoleCommand} = await import('./commands/console-command.js');
	for (const [key, value] of Object.entries(ci)) {
		if (value === undefined) {
			delete process.env[key];
		} else {
			process.env[key] = value;
		}
	}

	return consoleCommand(paths);
}

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** A flag this program does not know: a usage error naming it, with the closest known flag. */
function rejectUnknownFlags(): void {
	const flags = [...Object.keys(flagSpecs), 'help', 'version'].map(name => kebab(name));
	const unknown = Object.keys(cli.unnormalizedFlags).map(name => kebab(name)).filter(name => !flags.includes(name));
	if (unknown.length > 0) {
		const shown = unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`));
		const suggestion = didYouMean(unknown[0]!, flags);
		throw new UsageError(`unknown flag${unknown.length === 1 ? '' : 's'} ${shown.join(', ')}${suggestion ? ` (did you mean --${suggestion}?)` : ''}; see sage-console --help`);
	}
}

/**
 * Each command's module is loaded when it is the command: the console's UI thread and a quick
 * `status` never load the scheduler's engine, the HTTP server or the Redis client they do not use.
 */
async function main(): Promise<number> {
	rejectUnknownFlags();
	const [command, ...rest] = cli.input;
	if (cli.unnormalizedFlags.help) {
		// meow answers a bare --help itself; with a command or other flags it is ours to answer.
		process.stdout.write(`${commandHelp(cli.help, command)}\n`);
		return exitCodes.ok;
	}

	rejectExtraArguments(command, rest);
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

	switch (command) {
		case undefined: {
			return flags.headless || !process.stdout.isTTY || !process.stdin.isTTY ? (await import('./commands/headless-command.js')).headlessCommand(paths) : openConsole(paths);
		}

		case 'init': {
			return (await import('./commands/init-command.js')).initCommand(paths, rest);
		}

		case 'validate': {
			return (await import('./commands/validate-command.js')).validateCommand(paths);
		}

		case 'list': {
			return (await import('./commands/list-command.js')).listCommand(paths, flags);
		}

		case 'history': {
			return (await import('./commands/history-command.js')).historyCommand(paths, flags);
		}

		case 'show': {
			return (await import('./commands/show-command.js')).showCommand(paths, rest[0], flags);
		}

		case 'run': {
			return (await import('./commands/run-command.js')).runCommand(paths, rest[0], flags);
		}

		case 'calendar': {
			return (await import('./commands/calendar-command.js')).calendarCommand(paths, flags);
		}

		case 'plan': {
			return (await import('./commands/plan-command.js')).planCommand(paths, flags);
		}

		case 'status': {
			return (await import('./commands/status-command.js')).statusCommand(paths, flags);
		}

		case 'pause':
		case 'resume': {
			return (await import('./commands/control-commands.js')).pauseCommand(paths, rest[0], flags, command === 'pause');
		}

		case 'cancel': {
			return (await import('./commands/control-commands.js')).cancelCommand(paths, rest[0]);
		}

		case 'retry': {
			return (await import('./commands/control-commands.js')).retryCommand(paths, rest[0]);
		}

		case 'start':
		case 'stop':
		case 'restart': {
			return (await import('./commands/service-commands.js')).serviceCommand(paths, command, rest[0], flags);
		}

		case 'reload': {
			return (await import('./commands/control-commands.js')).reloadCommand(paths);
		}

		case 'logs': {
			return (await import('./commands/logs-command.js')).logsCommand(paths, rest[0], flags);
		}

		case 'notify': {
			return (await import('./commands/notify-command.js')).notifyCommand(paths, rest[0], flags);
		}

		case 'export': {
			return (await import('./commands/jobs-file-commands.js')).exportCommand(paths, flags);
		}

		case 'import': {
			return (await import('./commands/jobs-file-commands.js')).importCommand(paths, rest[0], flags);
		}

		case 'ping': {
			return (await import('./commands/ping-command.js')).pingCommand(paths, rest[0], flags);
		}

		case 'worker': {
			return (await import('./commands/worker-command.js')).workerCommand(paths, flags);
		}

		default: {
			throw new UsageError(`unknown command "${command}"; see sage-console --help`);
		}
	}
}

function exitCodeFor(error: unknown): number {
	if (error instanceof ConfigError) {
		const files = new Set(error.problems.map(problem => problem.file)).size;
		process.stderr.write(`${error.message}\n${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was loaded from ${files > 1 ? 'these files' : 'this file'}\n`);
		return 1;
	}

	if (error instanceof UsageError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return 2;
	}

	if (error instanceof SchedulerRunningError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return exitCodes.schedulerRunning;
	}

	if (error instanceof NoSchedulerError || error instanceof SchedulerLostError || error instanceof ConnectionClosedError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return exitCodes.noScheduler;
	}

	if (error instanceof ProtocolError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return error.code === 'bad-params' ? exitCodes.usage : exitCodes.failed;
	}

	if (error instanceof DatabaseError || error instanceof NoProjectError) {
		process.stderr.write(`sage-console: ${error.message}\n`);
		return 1;
	}

	if (error instanceof Error && damagedDatabase.test(error.message)) {
		// SQLite found the file damaged past its header (a disk fault, a copy made mid-write): no stack, what to do.
		process.stderr.write(`sage-console: the history database is damaged (${error.message}). Restore the latest copy from data/backup/ (the backup_db job's), or move data/sage.db aside to start with an empty history; \`sqlite3 data/sage.db .recover\` saves what it can\n`);
		return 1;
	}

	process.stderr.write(`sage-console: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
	return 1;
}

/** SQLite's words for a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB), also when the error crossed from the scheduler's thread. */
const damagedDatabase = /database disk image is malformed|file is not a database/;

const terminals = stdioTerminals();
try {
	process.exitCode = await main();
} catch (error) {
	process.exitCode = exitCodeFor(error);
}

releaseVanishedTerminal(terminals);
