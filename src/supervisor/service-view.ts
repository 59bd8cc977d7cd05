/** A supervised service as the snapshot shows it, from what its supervision knows now. Pure. */
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {ServiceView} from '../protocol/snapshot.js';
import type {ServiceDefinition} from './service-definition.js';
import type {ServiceState} from './service-states.js';
import {describeWindow, windowAt} from './service-window.js';

export type ServiceFacts = {
	def: ServiceDefinition;
	state: ServiceState;
	since: number;
	/** The live process, when there is one. */
	live?: {pid: number; runId?: number; startedAt?: number; adopted: boolean; memoryMb?: number};
	upSince?: number;
	restartsToday: number;
	restartsSinceStart: number;
	/** The end of a backoff. */
	restartAt?: number;
	/** A manual start outside the window keeps it up until then. */
	manualUntil?: number;
	lastExit?: ServiceView['lastExit'];
	note?: string;
};

const finite = (at: number | undefined) => (at !== undefined && Number.isFinite(at) ? at : undefined);

/** @param rootZone the root's `timezone:`; a window in another zone names its own */
export function serviceView(facts: ServiceFacts, now: number, calendar: TradingCalendar, rootZone?: string): ServiceView {
	const {def, live} = facts;
	const window = windowAt(def.window, now, calendar);
	return {
		id: def.id,
		name: def.name,
		state: facts.state,
		since: facts.since,
		enabled: def.enabled,
		window: describeWindow(def.window, rootZone),
		inWindow: window.inside,
		runId: live?.runId,
		pid: live?.pid,
		startedAt: live?.startedAt,
		upSince: facts.state === 'up' ? facts.upSince : undefined,
		restartsToday: facts.restartsToday,
		restartsSinceStart: facts.restartsSinceStart,
		memoryMb: live?.memoryMb,
		maxMemoryMb: def.maxMemoryMb,
		// Started by hand outside its window, it runs now: its window's opening starts nothing.
		nextStartAt: facts.state === 'backoff' ? facts.restartAt : (window.inside || !def.enabled || facts.state === 'starting' || facts.state === 'up' ? undefined : window.opensAt),
		closesAt: finite(facts.manualUntil) ?? (window.inside ? finite(window.closesAt) : undefined),
		lastExit: facts.lastExit,
		adopted: live?.adopted || undefined,
		note: facts.note,
	};
}
