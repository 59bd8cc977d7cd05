import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {onTestFinished} from 'vitest';
import {waitFor} from './wait-for.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;
/** Debian's libfaketime wrapper: it fakes the clock of a whole process tree (Node, its threads, its jobs). */
export const hasFaketime = spawnSync('faketime', ['--version']).status === 0;

/**
 * `command` with the clock starting at `iso` (it runs on from there): a fixed, realistic "now" for a
 * console in tmux, worker threads and job processes included. The time is given to faketime in UTC.
 *
 * The wrapper shares its clock through a semaphore and a memory segment named after its pid, and leaves
 * them behind when tmux kills it; a later wrapper that gets the same pid then refuses to start
 * ("sem_open: File exists"). So a shell clears whatever is left under its own pid, then becomes the wrapper.
 */
export function atTime(iso: string, command: string): string {
	const utc = new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
	const script = `rm -f /dev/shm/faketime_shm_$$ /dev/shm/sem.faketime_sem_$$; TZ=UTC exec faketime -f '@${utc}' ${command}`;
	return `sh -c ${shellQuoted(script)}`;
}

function shellQuoted(text: string): string {
	return `'${text.replaceAll("'", String.raw`'\''`)}'`;
}

/** A real terminal: a detached tmux session on its own server socket (removed by `kill`: tmux leaves it). */
export class TmuxSession {
	private readonly socket = path.join(tmpdir(), `sage-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`);

	constructor(readonly name: string, command: string, columns = 100, rows = 30) {
		this.tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), command);
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', this.name);
	}

	/** The screen's rows, as a person reads them (trailing blanks off). */
	rows(): string[] {
		return this.screen().replace(/\n$/, '').split('\n');
	}

	/** The screen with its colours and attributes, as SGR escape codes. */
	styledScreen(): string {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
	}

	/** Keys by tmux name (`Enter`, `Escape`, `BSpace`, `Tab`) or as characters. */
	/** A tmux format of the pane, e.g. `#{alternate_on}` (1 while a program holds the alternate screen). */
	format(text: string): string {
		return this.tmux('display-message', '-p', '-t', this.name, text).trim();
	}

	/** The sage-console process the pane's shell started (a child whose command line names it). */
	consolePid(): number {
		const shell = this.format('#{pane_pid}');
		const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/).map(Number);
		const node = children.find(pid => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sage-console'));
		if (node === undefined) {
			throw new Error(`no sage-console process under the pane's shell ${shell}`);
		}

		return node;
	}

	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', this.name, ...keys);
	}

	/** Text sent as one write, as fast as a terminal delivers a paste or quick typing. */
	type(text: string): void {
		this.tmux('send-keys', '-t', this.name, '-l', text);
	}

	/**
	 * Waits until the screen shows `text` (or matches it); returns the screen. The default allows for a
	 * loaded CI box, where a console's start (Node, better-sqlite3, Ink, its scheduler) alone takes up to 8 s.
	 */
	async see(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
		const shows = (screen: string) => (typeof text === 'string' ? screen.includes(text) : text.test(screen));
		const seen = await waitFor(() => {
			const screen = this.screen();
			return shows(screen) && screen;
		}, timeoutMs, `the screen to show ${String(text)}`).catch((error: unknown) => {
			throw new Error(`${(error as Error).message}; it shows:\n${this.screen()}`);
		});
		return this.settled(seen, shows);
	}

	/**
	 * A frame reaches the terminal in pieces (a row the console changed, then the next): the screen once
	 * two looks 30 ms apart agree and still show what was seen, so the rows read after a `see` are of
	 * one frame. A screen that never settles within a second (or no longer shows it): the one seen.
	 */
	private async settled(seen: string, shows: (screen: string) => boolean): Promise<string> {
		const until = Date.now() + 1000;
		let last = seen;
		while (Date.now() < until) {
			await new Promise(resolve => {
				setTimeout(resolve, 30);
			});
			const screen = this.screen();
			if (screen === last && shows(screen)) {
				return screen;
			}

			last = screen;
		}

		return seen;
	}

	resize(columns: number, rows: number): void {
		this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
	}

	kill(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone.
		}

		rmSync(this.socket, {force: true});
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-S', this.socket, ...args], {encoding: 'utf8', env: {...process.env, TMUX: ''}});
	}
}

/**
 * A TmuxSession killed when the current test ends, passed, failed or timed out: no `let session` and
 * `afterEach` in each file, and a test with two terminals cannot forget one.
 */
export function openTmuxSession(...args: ConstructorParameters<typeof TmuxSession>): TmuxSession {
	const session = new TmuxSession(...args);
	onTestFinished(() => {
		session.kill();
	});
	return session;
}
