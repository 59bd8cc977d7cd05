/** The parts that supervise one service (made and wired together in service-parts.ts). */
import type {RestartStreak} from './restart-streak.js';
import type {ServiceBackoff} from './service-backoff.js';
import type {ServiceExits} from './service-exits.js';
import type {ServiceLife} from './service-life.js';
import type {ServiceReadiness} from './service-readiness.js';
import type {ServiceStarts} from './service-starts.js';
import type {ServiceStops} from './service-stops.js';
import type {WantedWindow} from './wanted-window.js';

export type ServiceParts = {
	life: ServiceLife;
	window: WantedWindow;
	streak: RestartStreak;
	stops: ServiceStops;
	readiness: ServiceReadiness;
	starts: ServiceStarts;
	backoff: ServiceBackoff;
	exits: ServiceExits;
};
