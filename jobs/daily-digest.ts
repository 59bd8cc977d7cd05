import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {JobContext} from '../src/job-api.js';

type Params = {database?: string; slowest?: number};

type Row = {job_id: string; status: string; duration_ms: number | null; error_type: string | null; error_message: string | null};

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function shanghaiDay(offsetDays: number): {day: string; start: number; end: number} {
	const now = new Date(Date.now() + (8 * 3_600_000));
	const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
	const start = day.getTime() - (8 * 3_600_000);
	return {day: day.toISOString().slice(0, 10), start, end: start + 86_400_000};
}

const readJson = (file: string): Record<string, unknown> => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> : {});

/**
 * The channels a push would go through, as config/notify_config.json and config/user_config.json set
 * them up (PushPlus as soon as a user has a token): none means a notify reaches nobody.
 */
export function notificationChannels(root: string): string[] {
	const channels = (readJson(path.join(root, 'config', 'notify_config.json')).channels ?? {}) as Record<string, unknown>;
	const users = (readJson(path.join(root, 'config', 'user_config.json')).users ?? []) as Array<{pushplus_token?: string}>;
	const configured = ['dingtalk', 'wecom', 'email', 'webhook'].filter(name => channels[name]);
	return users.some(user => user.pushplus_token) ? ['pushplus', ...configured] : configured;
}

/** Yesterday's runs, failures and slowest jobs (Asia/Shanghai), pushed through the configured channels. */
export default async function dailyDigest(ctx: JobContext<Params>) {
	const file = path.resolve(ctx.paths.root, ctx.params.database ?? path.join(ctx.paths.data, 'sage.db'));
	const {day, start, end} = shanghaiDay(-1);
	const db = new Database(file, {readonly: true, fileMustExist: true});
	let rows: Row[];
	try {
		rows = db.prepare(`SELECT job_id, status, duration_ms, error_type, error_message FROM runs WHERE scheduled_at >= ? AND scheduled_at < ? AND status NOT IN ('skipped', 'queued', 'running')`).all(start, end) as Row[];
	} finally {
		db.close();
	}

	const failures = rows.filter(row => ['failed', 'timeout', 'interrupted'].includes(row.status));
	const succeeded = rows.filter(row => row.status === 'success').length;
	const slowest = rows.filter(row => row.duration_ms !== null).sort((a, b) => b.duration_ms! - a.duration_ms!).slice(0, ctx.params.slowest ?? 5);
	const title = `sage-console ${day}: ${rows.length} runs, ${failures.length} failed`;
	const html = [
		`<h3>${escapeHtml(title)}</h3>`,
		`<p>${succeeded} succeeded · ${failures.length} failed · success rate ${rows.length === 0 ? '—' : `${Math.round((succeeded / rows.length) * 100)}%`}</p>`,
		failures.length > 0 ? `<h4>Failures</h4><ul>${failures.map(row => `<li><b>${escapeHtml(row.job_id)}</b> ${row.status}: ${escapeHtml(`${row.error_type ?? ''} ${row.error_message ?? ''}`.trim())}</li>`).join('')}</ul>` : '<p>No failures.</p>',
		`<h4>Slowest</h4><ol>${slowest.map(row => `<li>${escapeHtml(row.job_id)} ${(row.duration_ms! / 1000).toFixed(1)} s</li>`).join('')}</ol>`,
	].join('');
	const channels = notificationChannels(ctx.paths.root);
	if (channels.length === 0) {
		ctx.log.warn({day, runs: rows.length, failures: failures.length}, 'no notification channel configured; digest not sent');
		return {day, runs: rows.length, failures: failures.length, sent: false};
	}

	ctx.notify(title, html);
	ctx.log.info({day, runs: rows.length, failures: failures.length, channels}, 'digest sent');
	return {day, runs: rows.length, failures: failures.length, sent: true};
}
