import {isSeq, type Node} from 'yaml';
import {channelNames} from '../core/channel-names.js';
import {didYouMean} from './did-you-mean.js';
import type {MapReader} from './map-reader.js';

/**
 * A job's or service's `notify.channels` and `notify.users`. A channel name that is not one
 * (`wechat`, `dingding`) is a problem, at that name: with it the alerts went to no channel at all,
 * silently, and validate said OK.
 */
export function readNotifyAudience(notify: MapReader): {channels?: string[]; users?: string[]} {
	const channels = notify.stringList('channels');
	const listed = notify.node('channels');
	for (const [index, channel] of (channels ?? []).entries()) {
		if (!(channelNames as readonly string[]).includes(channel)) {
			const suggestion = didYouMean(channel, channelNames);
			const at = isSeq(listed) ? listed.items[index] as Node : listed;
			notify.source.report(at, `notify.channels: "${channel}" is not a channel; they are ${channelNames.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
		}
	}

	return {channels, users: notify.stringList('users')};
}
