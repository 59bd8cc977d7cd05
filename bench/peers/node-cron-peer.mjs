// node-cron: N jobs on "* * * * * *". Prints samples as JSON.
import cron from 'node-cron';

const [jobs, seconds] = process.argv.slice(2).map(Number);
const samples = [];
const tasks = Array.from({length: jobs}, (_, job) => cron.schedule('* * * * * *', () => {
	// Wall-clock time to the microsecond, as APScheduler's time.time() and the start figures measure.
	const now = performance.timeOrigin + performance.now();
	const second = Math.floor(now / 1000);
	samples.push({job, second, latenessMs: now - (second * 1000)});
}));
setTimeout(() => {
	for (const task of tasks) task.stop();
	process.stdout.write(JSON.stringify(samples), () => process.exit(0));
}, seconds * 1000);
