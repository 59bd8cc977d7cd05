import type {Row} from '../measure-fire.js';

/**
 * One target of the benchmark brief, judged on the rows of a run: met or missed (undefined: the run
 * was too short to tell), and the figures it rests on.
 */
export type Verdict = {target: string; measured: string; met: boolean | undefined};

/** A soak tells a slope after its first hour only with half an hour or more of samples past it. */
const shortestJudgedSoakMinutes = 90;

const num = (row: Row | undefined, key: string) => (row && typeof row[key] === 'number' ? row[key] : Number.NaN);
const find = (rows: readonly Row[], metric: string, subject = 'sage-console', at?: string) => rows.find(row => row.metric === metric && row.subject === subject && (at === undefined || row.at === at));

function fireTargets(rows: readonly Row[], metric: string, label: string): Verdict[] {
	const sage = num(find(rows, metric, 'sage-console', 'fire'), 'p99_ms');
	const croner = num(find(rows, metric, 'croner'), 'p99_ms');
	const nodeCron = num(find(rows, metric, 'node-cron'), 'p99_ms');
	const aps = num(find(rows, metric, 'apscheduler'), 'p99_ms');
	const verdicts: Verdict[] = [];
	if (Number.isFinite(sage) && Number.isFinite(croner)) {
		verdicts.push({target: `fire p99 ≤ 1.5× croner and ≤ croner + 15 ms, ${label}`, measured: `${sage} vs croner ${croner} ms (${(sage / Math.max(croner, 1)).toFixed(2)}×)`, met: sage <= 1.5 * croner && sage <= croner + 15});
	}

	if (Number.isFinite(sage) && Number.isFinite(nodeCron) && Number.isFinite(aps)) {
		verdicts.push({target: `fire p99 ahead of node-cron and APScheduler, ${label}`, measured: `${sage} vs ${nodeCron} and ${aps} ms`, met: sage < nodeCron && sage < aps});
	}

	return verdicts;
}

/**
 * The targets of the benchmark brief, judged on `rows` (a run's, with results.json's for sections not
 * measured): only those whose figures are present. Timing targets hold for one run on one machine; the
 * README says how noisy this one is.
 */
export function judgeTargets(rows: readonly Row[]): Verdict[] {
	const verdicts: Verdict[] = [
		...fireTargets(rows, 'fire_lateness_1', '1 job'),
		...fireTargets(rows, 'fire_lateness_100', '100 jobs'),
		...fireTargets(rows, 'fire_burst_200', '200 jobs in one second'),
	];
	const sageFires = rows.filter(row => row.metric.startsWith('fire_') && row.subject === 'sage-console');
	if (sageFires.length > 0) {
		const lost = sageFires.reduce((sum, row) => sum + num(row, 'missed') + num(row, 'doubled'), 0);
		verdicts.push({target: 'zero missed, zero doubled slots', measured: `${lost} in ${sageFires.length} sage-console rows`, met: lost === 0});
	}

	const start = num(find(rows, 'fire_lateness_100', 'sage-console', 'start'), 'p99_ms');
	if (Number.isFinite(start)) {
		verdicts.push({target: 'start p99 < 50 ms at 100 jobs', measured: `${start} ms`, met: start < 50});
	}

	const blocked = find(rows, 'fire_lateness_blocked');
	if (blocked) {
		verdicts.push({target: 'lateness under 50 ms blocks ≤ block + 5 ms, none lost', measured: `p99 ${num(blocked, 'p99_ms')} ms, ${num(blocked, 'missed')} missed`, met: num(blocked, 'p99_ms') <= num(blocked, 'block_ms') + 5 && num(blocked, 'missed') === 0});
	}

	const idle = num(find(rows, 'idle_cpu'), 'cpu_pct');
	const htop = num(find(rows, 'idle_cpu', 'htop'), 'cpu_pct');
	if (Number.isFinite(idle) && Number.isFinite(htop)) {
		verdicts.push({target: 'idle console ≤ 1% of a core and ≤ 2× htop', measured: `${idle}% vs htop ${htop}%`, met: idle <= 1 && idle <= 2 * htop});
	}

	const busy = [100, 1000, 10_000].map(rate => find(rows, `busy_render_${rate}`));
	if (busy.every(Boolean)) {
		const [at100, at1000, at10000] = busy.map(row => num(row, 'cpu_pct_with_jobs'));
		verdicts.push({target: '≤ 25% of a core at 1,000 lines/s, flat to 10,000 (at most 2× the cost at 100)', measured: `${at100} / ${at1000} / ${at10000}% with job threads`, met: at1000! <= 25 && at10000! <= 2 * at100!});
		const renders = rows.filter(row => row.metric.startsWith('busy_render_'));
		const render = Math.max(...renders.map(row => num(row, 'render_p99_ms')));
		const delay = Math.max(...renders.map(row => num(row, 'loop_delay_p99_ms')));
		verdicts.push({target: 'render p99 ≤ 10 ms and event-loop delay p99 ≤ 20 ms while rendering', measured: `worst ${render} and ${delay} ms`, met: render <= 10 && delay <= 20});
	}

	const queries = rows.filter(row => row.metric === 'history_query');
	if (queries.length > 0) {
		const slowest = Math.max(...queries.map(row => num(row, 'max_ms')));
		const scans = queries.filter(row => row.full_scan !== 'no').length;
		verdicts.push({target: 'every console/CLI query < 10 ms, each on an index', measured: `slowest ${slowest} ms, ${scans} full scans`, met: slowest < 10 && scans === 0});
	}

	const prune = find(rows, 'history_prune_year');
	const insert = find(rows, 'history_insert');
	if (prune && insert) {
		const stall = Math.max(num(prune, 'batch_p99.9_ms'), num(insert, 'p99.9_ms'));
		verdicts.push({target: 'no SQLite stall over 20 ms at p99.9', measured: `${stall} ms`, met: stall <= 20});
	}

	const soak = find(rows, 'soak_rss_slope');
	const slope = num(soak, 'rss_mb_per_hour');
	const soakMinutes = num(soak, 'minutes');
	if (Number.isFinite(slope) && soakMinutes < shortestJudgedSoakMinutes) {
		verdicts.push({target: 'soak: RSS slope < 1 MB/h after the first hour', measured: `a ${soakMinutes}-minute soak is too short to tell (--soak ${shortestJudgedSoakMinutes} or more); its second half's slope: ${slope} MB/h`, met: undefined});
	} else if (Number.isFinite(slope)) {
		verdicts.push({target: 'soak: RSS slope < 1 MB/h after the first hour', measured: `${slope} MB/h${Number.isFinite(num(soak, 'anon_mb_per_hour')) ? ` (anonymous ${num(soak, 'anon_mb_per_hour')}, file-backed ${num(soak, 'file_mb_per_hour')})` : ''}`, met: slope < 1});
	}

	return verdicts;
}
