import type {ServiceView} from '../../protocol/snapshot.js';
import {formatZonedIso} from '../../time/zoned-time.js';

/**
 * Until when a service started by hand outside its window stays up, for its row: `until 04:00`, of
 * another day `until 12-06 04:00` (of another year with the year), in the console's zone — as `status`
 * and the service view say it. Empty for any other service: in its window the window says when it closes.
 */
export function manualUntilText(service: ServiceView, now: number, zone: string): string {
	if (service.inWindow || service.closesAt === undefined) {
		return '';
	}

	const [day = '', clock = ''] = formatZonedIso(service.closesAt, zone).slice(0, 16).split('T');
	const today = formatZonedIso(now, zone).slice(0, 10);
	if (day === today) {
		return `until ${clock}`;
	}

	return `until ${day.slice(0, 4) === today.slice(0, 4) ? day.slice(5) : day} ${clock}`;
}
