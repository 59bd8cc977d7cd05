/**
 * bars (日线同步), a command job that fails as a Python data script does: scripts/bars.cjs writes to
 * stderr a traceback of 20 lines, each quoting `record` repeated `times` times, then
 * `ValueError: 行情数据缺失 600519.SH`, and exits 1. Gives its line for a jobs.yaml's `jobs:` and its file.
 */
export function barsTracebackJob(record: string, times: number): {jobLine: string; files: Record<string, string>} {
	const script = `
const record = ${JSON.stringify(record)}.repeat(${times});
const lines = ['Traceback (most recent call last):'];
for (let i = 0; i < 20; i++) lines.push('  File "scripts/data/bars.py", line ' + (i + 10) + ', in fetch: ' + record);
lines.push('ValueError: 行情数据缺失 600519.SH');
process.stderr.write(lines.join('\\n') + '\\n');
process.exit(1);
`;
	return {
		jobLine: `  - {id: bars, name: 日线同步, trigger: manual, command: ["${process.execPath}", "scripts/bars.cjs"]}\n`,
		files: {'scripts/bars.cjs': script},
	};
}
