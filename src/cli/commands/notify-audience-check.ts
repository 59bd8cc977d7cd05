import {isMap, isScalar, isSeq, type Node} from 'yaml';
import type {ConfigProblem} from '../../config/config-problem.js';
import {YamlSource} from '../../config/yaml-source.js';
import {configuredChannels, type NotifySettings} from '../../notify/notify-settings.js';

/** The files a job's `notify` is checked against, as the operator would type them. */
export type NotifyFilesShown = {notifyFile: string; userFile: string};

const kinds = [['jobs', 'job'], ['groups', 'group'], ['services', 'service']] as const;

function scalarItems(node: unknown): Array<{value: string; node: Node}> {
	if (!isSeq(node)) {
		return [];
	}

	return node.items.flatMap(item => isScalar(item) && typeof item.value === 'string' ? [{value: item.value, node: item as Node}] : []);
}

/**
 * A job's, group's or service's `notify.channels` naming a channel that notify_config.json does not set
 * up, or `notify.users` naming a user that user_config.json does not have: that job's alerts through it
 * (to them) went nowhere, silently. Warnings at the name in jobs.yaml (the files load; a box may keep
 * its notification files elsewhere for a while), naming the job, the file and what it does have.
 */
export function notifyAudienceWarnings(text: string, file: string, settings: NotifySettings, shown: NotifyFilesShown): ConfigProblem[] {
	const source = new YamlSource(file, text);
	const root = source.document.contents;
	if (source.problems.length > 0 || !isMap(root)) {
		return [];
	}

	const channels: string[] = configuredChannels(settings);
	const users = settings.users.map(user => user.name);
	for (const [key, kind] of kinds) {
		const list = root.get(key, true);
		if (!isSeq(list)) {
			continue;
		}

		for (const entry of list.items) {
			const notify = isMap(entry) ? entry.get('notify', true) : undefined;
			if (!isMap(entry) || !isMap(notify)) {
				continue;
			}

			const id = String(entry.get('id') ?? '?');
			for (const channel of scalarItems(notify.get('channels', true))) {
				if (!channels.includes(channel.value)) {
					const have = channels.length > 0 ? `it sets up ${channels.join(', ')}` : 'it sets up no channel';
					source.warn(channel.node, `${kind} ${id}: notify.channels: "${channel.value}" is not set up in ${shown.notifyFile} (${have}): its alerts through ${channel.value} are not sent`);
				}
			}

			for (const user of scalarItems(notify.get('users', true))) {
				if (!users.includes(user.value)) {
					const have = users.length > 0 ? `its users are ${users.join(', ')}` : 'it has no user';
					source.warn(user.node, `${kind} ${id}: notify.users: "${user.value}" is not a user in ${shown.userFile} (${have}): its alerts do not reach them`);
				}
			}
		}
	}

	return source.warnings;
}
