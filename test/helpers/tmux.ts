import {execFileSync, spawnSync} from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A real terminal: a detached tmux session on its own server socket. */
export class TmuxSession {
	private readonly socket = `sage-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

	constructor(readonly name: string, command: string, columns = 100, rows = 30) {
		this.tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), command);
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', this.name);
	}

	/** The screen with its colours and attributes, as SGR escape codes. */
	styledScreen(): string {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
	}

	/** A tmux format of the pane, e.g. `#{alternate_on}` (1 while a program holds the alternate screen). */
	format(text: string): string {
		return this.tmux('display-message', '-p', '-t', this.name, text).trim();
	}

	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', this.name, ...keys);
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
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8', env: {...process.env, TMUX: ''}});
	}
}
