import type {KeyContext} from './key-context.js';
import {say} from './key-context.js';

/**
 * `S`: while the console re-attaches and no scheduler runs the root (the one it attached to stopped,
 * its lock is free), starts the scheduler in this console as a plain `sage-console` start does; the
 * console then schedules, and `q` stops it. Never offered while a scheduler runs, starts or stops:
 * a systemd restart of `--headless` is not raced for the lock, and one that took it meanwhile is
 * attached to instead.
 */
export function startSchedulerHere(context: KeyContext): void {
	const here = context.schedulerHere;
	if (!here?.offered()) {
		say(context, 'S starts a scheduler only while none runs this root (this console is not re-attaching to one)', 'bad');
		return;
	}

	say(context, 'starting the scheduler in this console…');
	here.start().then(otherPid => {
		if (otherPid === undefined) {
			say(context, 'this console now runs the scheduler: jobs fire here; q stops it', 'good');
		} else {
			say(context, `scheduler pid ${otherPid} took this root meanwhile: attached to it`, 'good');
		}
	}, (error: unknown) => {
		say(context, `no scheduler started here: ${error instanceof Error ? error.message : String(error)}`, 'bad');
	});
}
