import type {AppPaths} from '../host/paths.js';
import {didYouMean} from '../config/did-you-mean.js';
import {UsageError} from './commands/usage-error.js';
import {commandNames} from './command-flags.js';
import {openConsole} from './open-console.js';
import {StartSignals} from './start-signals.js';
import type {CliFlags} from './command-line.js';

/**
 * Carries out one command. Each command's module is loaded when it is the command: the console's UI
 * thread and a quick `status` never load the scheduler's engine, the HTTP server or the Redis client
 * they do not use.
 */
export async function dispatchCommand(command: string | undefined, rest: readonly string[], flags: CliFlags, paths: AppPaths): Promise<number> {
	switch (command) {
		case undefined: {
			// Heard from before the scheduler's code loads: a stop signal during its start no longer ends the process holding the root's lock.
			const signals = new StartSignals();
			return flags.headless || !process.stdout.isTTY || !process.stdin.isTTY ? (await import('./commands/headless-command.js')).headlessCommand(paths, signals) : openConsole(paths, signals);
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
			return (await import('./commands/control-commands.js')).reloadCommand(paths, flags.config !== undefined);
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
			// The closest command, as an unknown flag is answered with the closest flag (`statsu`: did you mean status?).
			const closest = didYouMean(command, commandNames);
			throw new UsageError(`unknown command "${command}"${closest ? ` (did you mean ${closest}?)` : ''}; see sage-console --help`);
		}
	}
}
