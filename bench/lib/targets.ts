import type {Row} from './integrity.js';

/**
 * One target of the issues' benchmark briefs, judged on the rows of a run: met or missed, and the
 * figures it rests on. Only targets whose figures the run has are judged.
 */
export type Verdict = {target: string; measured: string; met: boolean};

const num = (row: Row | undefined, key: string) => (row && typeof row[key] === 'number' ? row[key] : Number.NaN);
const find = (rows: readonly Row[], metric: string, subject: string, at?: string) => rows.find(row => row.metric === metric && row.subject === subject && (at === undefined || row.at === at));

function fireTargets(rows: readonly Row[]): Verdict[] {
	const verdicts: Verdict[] = [];
	const after = find(rows, 'fire_100_render', 'sage-console', 'fire');
	const croner = find(rows, 'fire_100_render', 'croner (beside sage-console)');
	const before = find(rows, 'fire_100_render', 'sage-console before', 'fire');
	if (after && croner) {
		verdicts.push({target: 'fire p99 ≤ bare croner + 15 ms (100 jobs, console drawing 1,000 lines/s)', measured: `${num(after, 'p99_ms')} vs croner ${num(croner, 'p99_ms')} ms`, met: num(after, 'p99_ms') <= num(croner, 'p99_ms') + 15});
		verdicts.push({target: 'zero missed, zero doubled fires', measured: `${num(after, 'missed')} missed, ${num(after, 'doubled')} doubled`, met: num(after, 'missed') === 0 && num(after, 'doubled') === 0});
	}

	if (after && before) {
		verdicts.push({target: 'fire p99 no worse than before', measured: `${num(after, 'p99_ms')} now vs ${num(before, 'p99_ms')} ms before`, met: num(after, 'p99_ms') <= num(before, 'p99_ms')});
	}

	return verdicts;
}

function memoryTargets(rows: readonly Row[]): Verdict[] {
	const verdicts: Verdict[] = [];
	const idle = rows.find(row => row.metric === 'idle_console' && row.subject === 'sage-console' && row.jobs === 'shipped box');
	if (idle) {
		verdicts.push(
			{target: 'idle console (UI + scheduler threads, the shipped box) ≤ 1% of a core', measured: `${num(idle, 'cpu_pct_ui_and_scheduler')}% (htop beside it ${num(idle, 'htop_cpu_pct')}%)`, met: num(idle, 'cpu_pct_ui_and_scheduler') <= 1},
			{target: 'idle console RSS ≤ 120 MB (the shipped box; median of a sample a second)', measured: `${num(idle, 'rss_mb')} MB (highest ${num(idle, 'rss_max_mb')})`, met: num(idle, 'rss_mb') <= 120},
		);
	}

	const busy = rows.find(row => row.metric === 'idle_console' && row.subject === 'sage-console' && row.jobs === 'demo jobs');
	const busyBefore = rows.find(row => row.metric === 'idle_console' && row.subject === 'sage-console before' && row.jobs === 'demo jobs');
	if (busy && busyBefore) {
		verdicts.push({target: 'console drawing the demo jobs: UI + scheduler CPU no worse than before', measured: `${num(busy, 'cpu_pct_ui_and_scheduler')}% now vs ${num(busyBefore, 'cpu_pct_ui_and_scheduler')}% before`, met: num(busy, 'cpu_pct_ui_and_scheduler') <= num(busyBefore, 'cpu_pct_ui_and_scheduler')});
	}

	const headless = rows.find(row => row.metric === 'headless' && row.subject === 'sage-console' && row.jobs === 'shipped box');
	if (headless) {
		verdicts.push({target: '--headless RSS ≤ 80 MB (the shipped box, waiting for its next fire; median of a sample a second)', measured: `${num(headless, 'rss_mb')} MB (highest ${num(headless, 'rss_max_mb')})`, met: num(headless, 'rss_mb') <= 80});
	}

	return verdicts;
}

function cliTargets(rows: readonly Row[]): Verdict[] {
	return rows.filter(row => row.metric === 'cli_command' && row.subject === 'sage-console').flatMap(row => {
		const before = rows.find(other => other.metric === 'cli_command' && other.subject === 'sage-console before' && other.command === row.command);
		return before ? [{target: `${String(row.command)}: CPU per call no more than before (+5%)`, measured: `${num(row, 'cpu_ms_per_call')} ms now vs ${num(before, 'cpu_ms_per_call')} ms before`, met: num(row, 'cpu_ms_per_call') <= num(before, 'cpu_ms_per_call') * 1.05}] : [];
	});
}

function historyTargets(rows: readonly Row[]): Verdict[] {
	const queries = rows.filter(row => row.metric === 'history_query');
	if (queries.length === 0) {
		return [];
	}

	const slowest = Math.max(...queries.map(row => num(row, 'max_ms')));
	const scans = queries.filter(row => row.full_scan !== 'no').length;
	return [{target: 'every console/CLI query < 10 ms at 1,000,000 runs, each on an index', measured: `slowest ${slowest} ms, ${scans} full scans`, met: slowest < 10 && scans === 0}];
}

/** Key to paint under a busy log (measure-key-latency): within one frame of a 60 Hz screen, none lost. No peer: absolute. */
function keyTargets(rows: readonly Row[]): Verdict[] {
	const all = find(rows, 'key_to_paint', 'all');
	if (!all) {
		return [];
	}

	return [
		{target: 'key-to-paint p99 ≤ one frame of a 60 Hz screen, log at 1,000 lines/s', measured: `${num(all, 'p99_ms')} ms vs a frame of ${num(all, 'frame_ms')} ms (${num(all, 'lines_per_s')} lines/s reached)`, met: num(all, 'p99_ms') <= num(all, 'frame_ms')},
		{target: 'every key press shows on screen (none lost within 2 s)', measured: `${num(all, 'missed')} missed of ${num(all, 'presses') + num(all, 'missed')}`, met: num(all, 'missed') === 0},
	];
}

/**
 * A 5,000-job edit applied between fires: no second of an every-second job lost, busy box or not; on an
 * idle box none of its fires a quarter second late; with --before, no later than before.
 */
function reloadTargets(rows: readonly Row[]): Verdict[] {
	return rows.filter(row => row.metric === 'reload_5000_jobs' && row.subject === 'sage-console').flatMap(row => {
		const loops = num(row, 'busy_loops');
		const before = rows.find(other => other.metric === row.metric && other.subject === 'sage-console before' && other.busy_loops === loops);
		return [
			{target: `5,000-job edit, ${loops} busy loops: no second of an every-second job lost`, measured: `${num(row, 'seconds_lost')} lost of ${num(row, 'fires')}`, met: num(row, 'seconds_lost') === 0},
			...(loops === 0 ? [{target: '5,000-job edit, idle box: its fires ≤ 250 ms late', measured: `${num(row, 'max_late_ms')} ms at most`, met: num(row, 'max_late_ms') <= 250}] : []),
			...(before ? [{target: `5,000-job edit, ${loops} busy loops: fires no later than before`, measured: `${num(row, 'max_late_ms')} ms now vs ${num(before, 'max_late_ms')} ms before`, met: num(row, 'max_late_ms') <= num(before, 'max_late_ms')}] : []),
		];
	});
}

export function judgeTargets(rows: readonly Row[]): Verdict[] {
	return [...fireTargets(rows), ...memoryTargets(rows), ...historyTargets(rows), ...keyTargets(rows), ...reloadTargets(rows), ...cliTargets(rows)];
}
