/** `sage-console start|stop|restart SERVICE`, and the services part of `status`: requests to the live scheduler. */
import {formatDuration} from '../../config/quantities.js';
import type {AppPaths} from '../../host/paths.js';
import type {ServiceView} from '../../protocol/snapshot.js';
import {stateText} from '../../supervisor/service-states.js';
import {timeBesideToday} from '../../supervisor/time-beside-today.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {lastExitText} from '../../ui/last-exit-text.js';
import {formatCountdown} from '../../ui/relative-time.js';
import {exitCodes} from '../exit-codes.js';
import type {SchedulerClient} from '../../protocol/client.js';
import {ProtocolError} from '../../protocol/wire.js';
import {liveScheduler} from '../scheduler-session.js';
import {rejectOverlongId} from '../overlong-id.js';
import {textTable} from './text-table.js';
import {UsageError} from './usage-error.js';

const methods = {start: 'start-service', stop: 'stop-service', restart: 'restart-service'} as const;

export async function serviceCommand(paths: AppPaths, verb: keyof typeof methods, serviceId: string | undefined, flags: {json?: boolean}): Promise<number> {
	if (!serviceId) {
		throw new UsageError(`${verb} needs a service id (a services: entry of jobs.yaml), e.g. sage-console ${verb} quote_collector`);
	}

	const client = await liveScheduler(paths, verb);
	try {
		rejectOverlongId(serviceId);
		const result = await client.request(methods[verb], {serviceId}).catch(async (error: unknown) => {
			throw await jobNotService(client, error, verb, serviceId);
		});
		if (flags.json) {
			// The service as status --json shows it (times as ISO in the scheduler's zone), not the protocol's epoch ms.
			const zone = (await client.request('snapshot', {})).scheduler.timezone;
			const service = result.service && servicesJson([result.service], Date.now(), zone)[0];
			process.stdout.write(`${JSON.stringify({ok: result.ok, message: result.message, ...(service ? {service} : {})}, null, 2)}\n`);
		} else if (result.ok) {
			process.stdout.write(`${result.message}\n`);
		} else {
			// A refusal on stderr, as every command's; --json's {ok: false, …} above is the answer asked for, on stdout.
			process.stderr.write(`not done: ${result.message}\n`);
		}

		return result.ok ? exitCodes.ok : exitCodes.failed;
	} finally {
		client.close();
	}
}

/**
 * A service id that is not one, named as a job: what the operator meant (`start good` of the job good).
 * A heartbeat job is named as one, with `ping`: `run` refuses it (an outside process runs it). Any other
 * error as it came.
 */
async function jobNotService(client: SchedulerClient, error: unknown, verb: keyof typeof methods, id: string): Promise<unknown> {
	if (!(error instanceof ProtocolError) || error.code !== 'not-found') {
		return error;
	}

	const snapshot = await client.request('snapshot', {}).catch(() => undefined);
	const job = snapshot?.jobs.find(candidate => candidate.id === id);
	if (!job) {
		return error;
	}

	if (job.kind === 'heartbeat') {
		return new ProtocolError('not-found', `${id} is a heartbeat job, not a service: an outside process runs it and pings in (sage-console ping ${id})`);
	}

	const instead = verb === 'stop' ? 'a run of it stops with sage-console cancel RUN_ID' : `sage-console run ${id}`;
	return new ProtocolError('not-found', `${id} is a job, not a service: ${instead}`);
}

/** "3h05m", or "—" when it is not up. */
function uptime(service: ServiceView, now: number): string {
	return service.upSince === undefined ? '—' : formatDuration(Math.max(0, now - service.upSince));
}

/**
 * A service's window in the NOTE column; started by hand outside it, until when it stays up (as the
 * console's detail view and the API's `closesAt` say): `window 03:00–04:00 · every day, up until 2026-12-06 04:00`.
 */
function windowNote(service: ServiceView, now: number, zone: string): string {
	const manualUntil = service.inWindow || service.closesAt === undefined ? '' : `, up until ${formatZonedIso(service.closesAt, zone).slice(0, 16).replace('T', ' ')}`;
	// As the console's "opens in 42m", with when: `opens 09:10 (in 42m)`, the day too when not today.
	const opens = service.state === 'outside-window' && service.nextStartAt !== undefined
		? `, opens ${timeBesideToday(service.nextStartAt, now, zone).slice(0, -3)} (in ${formatCountdown(service.nextStartAt - now)})`
		: '';
	return `window ${service.window}${manualUntil}${opens}`;
}

/** The services table of `status`. */
export function servicesTable(services: readonly ServiceView[], now: number, zone: string): string {
	const rows = services.map(service => [
		service.id,
		stateText(service.state) + (service.enabled ? '' : ' (disabled)'),
		uptime(service, now),
		String(service.restartsToday),
		service.pid === undefined ? '—' : String(service.pid),
		service.memoryMb === undefined ? '—' : `${service.memoryMb} MiB`,
		lastExitText(service, now, zone) || '—',
		service.state === 'backoff' && service.nextStartAt !== undefined ? `restarts in ${formatDuration(Math.max(0, service.nextStartAt - now))}` : (service.note ?? windowNote(service, now, zone)),
	]);
	return textTable(['SERVICE', 'STATE', 'UPTIME', 'RESTARTS', 'PID', 'MEMORY', 'LAST EXIT', 'NOTE'], rows);
}

/** The services part of `status --json`: times as ISO in the scheduler's zone. */
export function servicesJson(services: readonly ServiceView[], now: number, zone: string) {
	const iso = (ms: number | undefined) => (ms === undefined ? undefined : formatZonedIso(ms, zone));
	return services.map(service => ({
		id: service.id,
		name: service.name,
		state: service.state,
		enabled: service.enabled,
		window: service.window,
		inWindow: service.inWindow,
		pid: service.pid,
		runId: service.runId,
		upSince: iso(service.upSince),
		uptimeMs: service.upSince === undefined ? undefined : now - service.upSince,
		restartsToday: service.restartsToday,
		memoryMb: service.memoryMb,
		nextStartAt: iso(service.nextStartAt),
		closesAt: iso(service.closesAt),
		lastExit: service.lastExit && {...service.lastExit, at: iso(service.lastExit.at)},
		adopted: service.adopted,
		note: service.note,
	}));
}
