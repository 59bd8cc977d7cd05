import {readFileSync, readdirSync} from 'node:fs';
import {afterEach} from 'vitest';
import type {RunRecord} from '../../src/core/run-record.js';
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {ServiceView} from '../../src/protocol/snapshot.js';
import type {ServiceState} from '../../src/supervisor/service-states.js';
import {ManualClock} from '../helpers/manual-clock.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

export type ServiceHost = {
	host: SchedulerHost;
	clock: ManualClock;
	root: TempRoot;
	view(id: string): ServiceView;
	/** Waits (real time, polling the snapshot) until the service is in `state`, and returns its view. */
	state(id: string, state: ServiceState, timeoutMs?: number): Promise<ServiceView>;
	/** The service's runs in history, oldest first, once every write so far is committed. */
	runs(id: string): Promise<RunRecord[]>;
	close(): Promise<void>;
};

/**
 * A real scheduling host (the same SchedulerHost as --headless) on a temp root with a fixed clock:
 * real processes, real signals, real files, real SQLite; only time is in the test's hand.
 */
export async function startServiceHost(jobsYaml: string, options: {at: string; files?: Record<string, string>; root?: TempRoot}): Promise<ServiceHost> {
	const root = options.root ?? makeTempRoot({});
	root.write('config/jobs.yaml', jobsYaml);
	for (const [file, text] of Object.entries(options.files ?? {})) {
		root.write(file, text);
	}

	const clock = new ManualClock(Date.parse(options.at));
	const host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true, clock});
	await host.start();
	const view = (id: string) => {
		const found = host.scheduler.snapshot().services?.find(service => service.id === id);
		if (!found) {
			throw new Error(`no service ${id} in the snapshot`);
		}

		return found;
	};

	return {
		host, clock, root, view,
		async state(id, state, timeoutMs = 20_000) {
			return waitFor(() => {
				const current = view(id);
				return current.state === state ? current : undefined;
			}, timeoutMs, `${id} to be ${state} (it is ${view(id).state})`);
		},
		async runs(id) {
			await host.scheduler.historyWritten();
			return host.store.query({jobId: id, trigger: 'service', limit: 1000}).reverse();
		},
		async close() {
			await host.close('cancel');
		},
	};
}

/** Closes the hosts a test opened and removes their roots, after each test. */
export function trackServiceHosts(): (yaml: string, options: Parameters<typeof startServiceHost>[1]) => Promise<ServiceHost> {
	const open = new Set<ServiceHost>();
	afterEach(async () => {
		for (const opened of open) {
			await opened.close();
			opened.root.remove();
		}

		open.clear();
	});
	return async (yaml, options) => {
		const opened = await startServiceHost(yaml, options);
		open.add(opened);
		return opened;
	};
}

/**
 * Live processes whose command line holds `marker`. A shell's fork that has not yet exec'd its command
 * (`sleep` in a `while` loop) still carries the shell's command line for a moment: a match whose parent
 * is itself a match is that fork, not a process of its own.
 */
export function processesWith(marker: string): number[] {
	const found = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (state !== 'Z' && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) {
				found.set(Number(name), Number(parent));
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return [...found].filter(([, parent]) => !found.has(parent)).map(([pid]) => pid);
}

export function isAlive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}
