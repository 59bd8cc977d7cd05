/**
 * The standing notice of jobs and services whose `notify.channels` name a channel the notify files do not
 * set up, or whose `notify.users` name a user they do not have: their alerts there go nowhere. Raised at
 * the start and kept current at each reload of jobs.yaml and each edit of the notify files, each new
 * finding logged once; `validate` says the same at the names' positions (notify-audience-check.ts).
 */
import {configuredChannels, type NotifySettings} from './notify-settings.js';

export const unheardAudienceNoticeKey = 'notify-audience';

type Audience = {channels?: readonly string[]; users?: readonly string[]};
/** What the notice reads of the scheduler's config: each job's and service's id and `notify`. */
export type AudienceConfig = {
	jobs?: ReadonlyArray<{id: string; notify?: Audience}>;
	/** A service's `notify: false` silences it. */
	services?: ReadonlyArray<{id: string; notify?: Audience | false}>;
};

/** "job feed: notify.channels wecom is not set up in notify_config.json", one per name not there. */
export function unheardAudience(config: AudienceConfig, settings: NotifySettings): string[] {
	const channels: readonly string[] = configuredChannels(settings);
	const users = new Set(settings.users.map(user => user.name));
	const entries = [...(config.jobs ?? []).map(job => ({kind: 'job', ...job})), ...(config.services ?? []).map(service => ({kind: 'service', ...service}))];
	return entries.flatMap(({kind, id, notify}) => notify === false ? [] : [
		...(notify?.channels ?? []).filter(channel => !channels.includes(channel)).map(channel => `${kind} ${id}: notify.channels ${channel} is not set up in notify_config.json`),
		...(notify?.users ?? []).filter(user => !users.has(user)).map(user => `${kind} ${id}: notify.users ${user} is not a user in user_config.json`),
	]);
}

export class UnheardAudienceNotice {
	private told = new Set<string>();

	/**
	 * @param show sets the notice (undefined: none)
	 * @param warn logs one finding
	 */
	constructor(private readonly show: (text: string | undefined) => void, private readonly warn: (line: string) => void) {}

	/** The config or the settings changed: the notice says what is unheard now; a finding new since the last time is logged. */
	update(config: AudienceConfig | undefined, settings: NotifySettings): void {
		const lines = config ? unheardAudience(config, settings) : [];
		for (const line of lines.filter(line => !this.told.has(line))) {
			this.warn(`alerts go nowhere: ${line}`);
		}

		this.told = new Set(lines);
		this.show(lines.length === 0 ? undefined : `alerts go nowhere: ${lines[0]}${lines.length > 1 ? ` (+${lines.length - 1} more in the log)` : ''}`);
	}
}
