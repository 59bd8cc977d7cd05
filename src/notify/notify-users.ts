import {isSeq} from 'yaml';
import {MapReader} from '../config/map-reader.js';
import type {YamlSource} from '../config/yaml-source.js';
import {readSwitches} from './notify-switches.js';

export type NotifyUser = {name: string; pushplusToken?: string; switches: Record<string, boolean>; watchedStocks: string[]};

/** The `users` of user_config.json (Sage format); each problem reported to `source` with its position. */
export function readUsers(source: YamlSource): NotifyUser[] {
	const root = MapReader.of(source, source.root, 'user_config.json');
	if (!root) {
		return [];
	}

	const usersNode = root.node('users');
	if (usersNode === undefined) {
		return [];
	}

	if (!isSeq(usersNode)) {
		root.report('users', 'users must be a list');
		return [];
	}

	const users: NotifyUser[] = [];
	for (const item of usersNode.items) {
		const user = MapReader.of(source, item, 'a user');
		if (!user) {
			continue;
		}

		const name = user.string('name');
		if (!name) {
			source.report(user.map, 'a user needs a name');
			continue;
		}

		users.push({name, pushplusToken: user.string('pushplus_token'), switches: readSwitches(user), watchedStocks: user.stringList('watched_stocks') ?? []});
	}

	return users;
}
