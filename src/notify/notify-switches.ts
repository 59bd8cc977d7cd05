import type {MapReader} from '../config/map-reader.js';

/** The `notify_*` switches of a map (notify_config.json's, or one user's), as Sage writes them. */
export function readSwitches(reader: MapReader): Record<string, boolean> {
	const switches: Record<string, boolean> = {};
	for (const key of reader.keys().filter(name => name.startsWith('notify_'))) {
		const value = reader.boolean(key);
		if (value !== undefined) {
			switches[key] = value;
		}
	}

	return switches;
}
