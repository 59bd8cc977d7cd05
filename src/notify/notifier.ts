import type {JobDefinition} from '../core/job-definition.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {SchedulerEvents} from '../scheduler/scheduler-events.js';
import type {TypedEmitter} from '../scheduler/typed-emitter.js';
import type {RunRecord} from '../core/run-record.js';
import {decideAlert} from './alert-policy.js';
import {sendDingtalk} from './channels/dingtalk.js';
import {sendEmail} from './channels/email.js';
import {sendPushplus} from './channels/pushplus.js';
import {runEvent, sendWebhook} from './channels/webhook.js';
import {sendWecom} from './channels/wecom.js';
import type {JobAlert} from '../scheduler/job-alert.js';
import type {ServiceAlert} from '../supervisor/service-alert.js';
import type {ServiceDefinition} from '../supervisor/service-definition.js';
import {troubleKinds} from '../scheduler/job-alert.js';
import {DeliveryQueue, type Delivery, type DeliveryResult} from './delivery-queue.js';
import {failureMessage, jobMessage, recoveryMessage, serviceAlertMessage, successMessage, testMessage, when} from './messages.js';
import type {ChannelName, Message, NotificationRecord, NotificationStore} from './notification-types.js';
import {configuredChannels, type NotifySettings} from './notify-settings.js';
import {UndeliveredNotice, undeliveredNoticeKey} from './undelivered-notice.js';
import {UntoldFailures} from './untold-failures.js';
import {UnheardAudienceNotice, unheardAudienceNoticeKey, type AudienceConfig} from './unheard-audience-notice.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {zonedClock} from '../time/zoned-time.js';

export type Audience = {channels?: readonly string[]; users?: readonly string[]};

/** What the notifier listens to, and where it raises the notice of alerts not delivered. */
export type NotifiedScheduler = {
	events: TypedEmitter<SchedulerEvents>;
	job(jobId: string): JobDefinition | undefined;
	setNotice?(key: string, text: string | undefined): void;
	readonly currentConfig?: {timezone: string} & AudienceConfig;
};

/** What the operator can do about a watch's alert, as commands; none where only the outside process can mend it (a heartbeat). */
function watchNext(alert: JobAlert): string | undefined {
	if (alert.kind === 'max-duration' && alert.runId !== undefined) {
		return `sage-console logs ${alert.runId} --follow · sage-console cancel ${alert.runId}`;
	}

	if (alert.kind === 'deadline-missed') {
		return alert.reason === 'still running' && alert.runId !== undefined ? `sage-console logs ${alert.runId} --follow` : `sage-console run ${alert.jobId}${alert.runId === undefined ? '' : ` (why it failed: sage-console show ${alert.runId})`}`;
	}

	return undefined;
}

/** A watch's alert (deadline, max_duration, heartbeat) as a message for every channel; `at`, when it was noticed, in `zone`. */
export function alertMessage(alert: JobAlert, job: Pick<JobDefinition, 'id' | 'name'> | undefined, zone = exchangeTimeZone): Message {
	const name = job && job.name !== job.id ? `${job.name} (${alert.jobId})` : alert.jobId;
	const trouble = troubleKinds.has(alert.kind);
	const next = watchNext(alert);
	const title = `${trouble ? '⏰' : '✅'} ${job?.name ?? alert.jobId}: ${alert.kind.replace('-', ' ')}`;
	const fields: Array<[string, string]> = [['job', name], ['what', alert.kind], ['why', alert.message], ['at', when(alert.at, zone)], ...(alert.day ? [['day', alert.day] as [string, string]] : []), ...(alert.runId ? [['run', String(alert.runId)] as [string, string]] : []), ...(next ? [['next', next] as [string, string]] : [])];
	const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
	return {
		kind: trouble ? 'alert' : 'recovery',
		title,
		html: `<h3>${escape(title)}</h3><table>${fields.map(([label, value]) => `<tr><td><b>${escape(label)}</b></td><td>${escape(value)}</td></tr>`).join('')}</table>`,
		markdown: [`### ${title}`, ...fields.map(([label, value]) => `- **${label}**: ${value}`)].join('\n'),
		text: [title, '', ...fields.map(([label, value]) => `${label}: ${value}`)].join('\n'),
		runId: alert.runId,
		jobId: alert.jobId,
		// `reason`: a missed deadline's one word (never started, still running, failed); the sentence for the others, as a service alert's.
		event: {event: alert.kind, job: {id: alert.jobId, name: job?.name ?? alert.jobId}, reason: alert.reason ?? alert.message, day: alert.day, runId: alert.runId, at: alert.at},
	};
}

/**
 * Turns finished runs into alerts (first failure, recovery, chosen successes) and jobs' own messages
 * into pushes, for every configured channel and user; sending happens in the delivery queue, never
 * on the scheduler's path.
 */
export class Notifier {
	private readonly queue: DeliveryQueue;
	private readonly deliveryListeners = new Set<(result: DeliveryResult) => void>();
	/** The zone the messages' times are in: the attached scheduler's (jobs.yaml's `timezone`), or one given (useTimeZone). */
	private zoneOf: () => string = () => exchangeTimeZone;
	/** Alerts not delivered, by channel, as a notice of the scheduler it is attached to. */
	private undelivered: UndeliveredNotice | undefined;
	/** Brings the notice of jobs' notify channels and users the files do not have up to date (while attached). */
	private unheard: (() => void) | undefined;
	/** Jobs whose failure alert no channel has taken yet, kept in the database. */
	private readonly untold: UntoldFailures;

	constructor(private settings: NotifySettings, private readonly store: NotificationStore, private readonly logger: SchedulerLogger) {
		this.untold = new UntoldFailures(store);
		this.queue = new DeliveryQueue({
			store,
			...settings.delivery,
			secrets: settings.secrets,
			log: (level, message, fields) => logger[level](fields, message),
		});
	}

	/** The channels messages go to now; none: nothing is sent (the jobs' alert state is kept all the same). */
	get channels(): ChannelName[] {
		return configuredChannels(this.settings);
	}

	/** Settings read again (the notify files changed): messages from now on go by them; queued ones keep their way. */
	useSettings(settings: NotifySettings): void {
		this.settings = settings;
		this.queue.retune({...settings.delivery, secrets: settings.secrets});
		this.undelivered?.configured(this.channels);
		this.unheard?.();
	}

	/** The zone of the messages' times where no scheduler is attached (`notify test`): jobs.yaml's `timezone`. */
	useTimeZone(zone: string): void {
		this.zoneOf = () => zone;
	}

	/** Listens to the scheduler's ended runs and jobs' ctx.notify calls; its zone is the messages'. */
	attach(scheduler: NotifiedScheduler): () => void {
		const zone = scheduler.currentConfig?.timezone;
		this.zoneOf = () => scheduler.currentConfig?.timezone ?? zone ?? exchangeTimeZone;
		if (scheduler.setNotice) {
			const setNotice = scheduler.setNotice.bind(scheduler);
			const clock = (at: number) => zonedClock(at, this.zoneOf()).slice(0, 5);
			this.undelivered = new UndeliveredNotice(text => setNotice(undeliveredNoticeKey, text), clock);
			this.undelivered.configured(this.channels);
			const unheard = new UnheardAudienceNotice(text => setNotice(unheardAudienceNoticeKey, text), line => this.logger.warn({}, line));
			this.unheard = () => unheard.update(scheduler.currentConfig, this.settings);
			this.unheard();
		}

		// Also with no channel: a job's failing and recovering are followed while a channel is taken out, so
		// a job that recovered meanwhile alerts its next failure once the channel is back.
		const offFinished = scheduler.events.on('run-ended', ({record, job, nextAttempt}) => {
			try {
				this.onRunFinished(job, record, nextAttempt);
			} catch (error) {
				// Alert state unreadable (the database locked or gone): the run is recorded; this alert is lost.
				this.logger.error({jobId: job.id, runId: record.id, err: error}, 'could not decide the alert for this run');
			}
		});
		const offAlert = scheduler.events.on('job-alert', alert => {
			const job = scheduler.job(alert.jobId);
			if (job?.notify?.off) {
				return;
			}

			void this.send(alertMessage(alert, job, this.zoneOf()), {channels: job?.notify?.channels, users: job?.notify?.users}, 'notify_job_failures');
		});
		const offJob = scheduler.events.on('job-notify', ({jobId, runId, title, body, users}) => {
			const job = scheduler.job(jobId);
			// The webhook's `job` with its name, as a run's alert has it.
			const message = {...jobMessage(jobId, runId, title, body), event: {event: 'job', job: {id: jobId, name: job?.name ?? jobId}, runId}};
			void this.send(message, {channels: job?.notify?.channels, users: users ?? job?.notify?.users});
		});
		const offReload = scheduler.events.on('config-reloaded', () => {
			this.unheard?.();
		});
		return () => {
			offFinished();
			offAlert();
			offJob();
			offReload();
			this.undelivered = undefined;
			this.unheard = undefined;
		};
	}

	onRunFinished(job: JobDefinition, run: RunRecord, nextAttempt: boolean): void {
		const previous = this.store.alertState(job.id);
		const untold = this.untold.owed(job.id);
		const decision = decideAlert(job, run, previous, nextAttempt, untold);
		if (!decision) {
			return;
		}

		if (untold) {
			this.untold.forget(job.id);
		}

		this.store.setAlertState(job.id, decision.state);
		const audience = {channels: job.notify?.channels, users: job.notify?.users};
		const withEvent = (message: Message): Message => ({...message, event: runEvent(message.kind, job, run)});
		if (decision.send === 'failure') {
			this.markUntold(job, run);
			// No channel configured: owed, so the next failure once one is (again) alerts.
			const nowhere = this.channels.length === 0;
			void this.send(withEvent(failureMessage(job, run, this.zoneOf())), audience, 'notify_job_failures').then(results => this.untoldFailure(job, run, results, nowhere));
		} else if (decision.send === 'recovery') {
			void this.send(withEvent(recoveryMessage(job, run, previous?.failures ?? 1, previous?.since, this.zoneOf())), audience, 'notify_job_failures');
		} else if (decision.send === 'success') {
			void this.send(withEvent(successMessage(job, run, this.zoneOf())), audience);
		}
	}

	/** Owed until a channel takes it (untold-failures.ts): a scheduler dying meanwhile leaves it to the next start. */
	private markUntold(job: JobDefinition, run: RunRecord): void {
		try {
			this.untold.queued(job.id, run.id);
		} catch (error) {
			// The database locked or gone: the alert still goes; a death before a channel takes it may leave the next failure silent.
			this.logger.error({jobId: job.id, runId: run.id, err: error}, `could not keep that the failure alert of ${job.id} (run ${run.id}) is not told yet`);
		}
	}

	/**
	 * A failure alert no channel took (every attempt refused, or still queued at a stop) was not told: the
	 * job's next failure alerts too, or the repeats would be silent until it recovers; its recovery is told
	 * as ever. Kept in the database (a `settings` row), so a scheduler restarted in between still tells it.
	 */
	private untoldFailure(job: JobDefinition, run: RunRecord, results: DeliveryResult[], nowhere: boolean): void {
		const told = !nowhere && (results.length === 0 || results.some(result => result.status === 'sent'));
		try {
			this.untold.ended(job.id, run.id, told);
		} catch (error) {
			// The database locked or gone: the next failure may be silent (or alert again), as the log says.
			this.logger.error({jobId: job.id, runId: run.id, err: error}, `could not keep whether the failure alert of ${job.id} (run ${run.id}) reached a channel: its next failure may not alert`);
			return;
		}

		if (!told && !nowhere) {
			this.logger.warn({jobId: job.id, runId: run.id}, `the failure alert of ${job.id} (run ${run.id}) reached no channel: its next failure alerts again`);
		}
	}

	/** A service's alert (the supervisor decides first/recovery), to the service's audience; `notify: false` sends nothing. */
	sendServiceAlert(alert: ServiceAlert, service: Pick<ServiceDefinition, 'id' | 'name' | 'notify'>): void {
		if (service.notify === false) {
			return;
		}

		void this.send(serviceAlertMessage(alert, service, this.zoneOf()), {channels: service.notify?.channels, users: service.notify?.users}, 'notify_job_failures');
	}

	/** Sends a test message through each configured channel (or one) and reports each real outcome. */
	async sendTest(channel?: ChannelName): Promise<DeliveryResult[]> {
		const channels = configuredChannels(this.settings).filter(name => channel === undefined || name === channel);
		return this.send(testMessage(channel ?? 'all', Date.now(), this.zoneOf()), {channels, users: this.settings.users.map(user => user.name)});
	}

	async idle(): Promise<void> {
		return this.queue.idle();
	}

	/** Lets what is queued go out for up to `graceMs`, then records the rest as not sent (DeliveryQueue.close). */
	async close(graceMs: number): Promise<void> {
		return this.queue.close(graceMs);
	}

	notificationsFor(runId: number): NotificationRecord[] {
		return this.store.notificationsForRun(runId);
	}

	/** Queues `message` to the audience; users must have `userSwitch` on (default: on). */
	async send(message: Message, audience: Audience = {}, userSwitch?: string): Promise<DeliveryResult[]> {
		const deliveries = this.route(message, audience, userSwitch);
		return Promise.all(deliveries.map(async delivery => {
			const notice = this.undelivered;
			notice?.queued(delivery.channel);
			const result = await this.queue.enqueue(delivery);
			notice?.ended(delivery.channel, result);
			for (const listener of this.deliveryListeners) {
				listener(result);
			}

			return result;
		}));
	}

	/** Hears each delivery's final outcome (metrics). */
	onDelivery(listener: (result: DeliveryResult) => void): () => void {
		this.deliveryListeners.add(listener);
		return () => this.deliveryListeners.delete(listener);
	}

	private route(message: Message, audience: Audience, userSwitch: string | undefined): Delivery[] {
		const {channels: config, users} = this.settings;
		const wanted = (channel: ChannelName) => audience.channels === undefined || audience.channels.includes(channel);
		const deliveries: Delivery[] = [];
		const pushplus = config.pushplus;
		if (pushplus && wanted('pushplus')) {
			for (const user of users) {
				const switchedOn = userSwitch === undefined || (user.switches[userSwitch] ?? this.settings.switches[userSwitch] ?? true);
				const chosen = audience.users === undefined || audience.users.includes(user.name);
				if (user.pushplusToken && switchedOn && chosen) {
					const token = user.pushplusToken;
					// Keyed by the user and the account (its token), not the name alone: two users of one name were one queue,
					// and a digest of both went out with the first one's token alone. Two users of one account keep a queue
					// each, as their messages (their own watched stocks) are their own.
					deliveries.push({channel: 'pushplus', key: `pushplus:${user.name}:${token}`, recipient: user.name, message, send: async (sent, signal) => sendPushplus(pushplus.url, token, sent, signal)});
				}
			}
		}

		const {dingtalk, wecom, email, webhook} = config;
		if (webhook && wanted('webhook')) {
			deliveries.push({channel: 'webhook', key: `webhook:${webhook.url}`, recipient: 'webhook', message, send: async (sent, signal) => sendWebhook(webhook, sent, signal)});
		}

		if (dingtalk && wanted('dingtalk')) {
			deliveries.push({channel: 'dingtalk', key: `dingtalk:${dingtalk.webhook}`, recipient: 'robot', message, send: async (sent, signal) => sendDingtalk(dingtalk.webhook, dingtalk.secret, sent, signal)});
		}

		if (wecom && wanted('wecom')) {
			deliveries.push({channel: 'wecom', key: `wecom:${wecom.webhook}`, recipient: 'robot', message, send: async (sent, signal) => sendWecom(wecom.webhook, sent, signal)});
		}

		if (email && wanted('email')) {
			deliveries.push({channel: 'email', key: `email:${email.host}`, recipient: email.to.join(', '), message, send: async (sent, signal) => sendEmail(email, sent, signal, this.settings.delivery.timeoutMs)});
		}

		return deliveries;
	}
}
