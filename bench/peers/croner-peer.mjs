// Bare croner callbacks: N jobs on "* * * * * *" (or all due in one second for a burst). Prints samples as JSON.
import {Cron} from 'croner';

const [jobs, seconds] = process.argv.slice(2).map(Number);
const samples = [];
const crons = Array.from({length: jobs}, (_, job) => new Cron('* * * * * *', () => {
	// Wall-clock time to the microsecond, as APScheduler's time.time() and the start figures measure.
	const now = performance.timeOrigin + performance.now();
	const second = Math.floor(now / 1000);
	samples.push({job, second, latenessMs: now - (second * 1000)});
}));
setTimeout(() => {
	for (const cron of crons) cron.stop();
	process.stdout.write(JSON.stringify(samples));
}, seconds * 1000);
