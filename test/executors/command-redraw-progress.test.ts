import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {redrawProgress} from '../../src/executors/redraw-progress.js';
import {waitFor} from '../helpers/wait-for.js';
import {commandTarget, executorIn, logLines, recordingSink, specFor} from './run-harness.js';

/** An existing Python script with a tqdm bar on stderr, held at 2 of 4 until the test lets it go on. */
const tqdmScript = `import os, sys, time
from tqdm import tqdm
for i in tqdm(range(4), desc="Downloading", mininterval=0, file=sys.stderr):
    if i == 2:
        while not os.path.exists(sys.argv[1]):
            time.sleep(0.02)
`;

describe('a command whose progress bar is redrawn in place', () => {
	it('moves the run\'s progress with a real tqdm bar while it runs, and keeps only the bar\'s last state in the log', async () => {
		const {root, executor} = executorIn({'scripts/download.py': tqdmScript});
		const gate = path.join(root.dir, 'go-on');
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['/usr/bin/python3', 'scripts/download.py', gate]));
		const run = executor.start(spec, sink.sink);
		// The bar stands at 2 of 4 until the gate file exists: the console shows half done, with the bar's words.
		await waitFor(() => sink.progress.some(report => report.fraction === 0.5), 20_000, 'progress of 50% from the tqdm bar');
		const half = sink.progress.find(report => report.fraction === 0.5)!;
		expect(half.message).toMatch(/^Downloading: 2\/4 \[/);
		expect(half.message).not.toMatch(/[█|]/);
		writeFileSync(gate, '');
		expect((await run.done).status).toBe('success');
		expect(sink.progress.at(-1)).toMatchObject({fraction: 1, message: expect.stringMatching(/^Downloading: 4\/4 \[/) as string});
		const output = logLines(spec.logPath).filter(line => line.stream === 'stderr').map(line => line.msg);
		expect(output).toHaveLength(1);
		expect(output[0]).toMatch(/^Downloading: 100%\|█+\| 4\/4 \[/);
	});

	it('reads a wget-style bar, and never a log line that merely says a percentage', async () => {
		const {root, executor} = executorIn();
		const sink = recordingSink();
		const spec = specFor(root.dir, commandTarget(['sh', '-c', String.raw`echo "disk 91% full"; printf 'quotes.csv  10%%[=>      ] 1.2M\rquotes.csv  60%%[====>   ] 7.3M\n'; echo "loaded 45%"`]));
		expect((await executor.start(spec, sink.sink).done).status).toBe('success');
		expect(sink.progress).toEqual([{fraction: 0.6, message: 'quotes.csv 7.3M'}]);
		expect(logLines(spec.logPath).filter(line => line.stream === 'stdout').map(line => line.msg)).toEqual(['disk 91% full', 'quotes.csv  60%[====>   ] 7.3M', 'loaded 45%']);
	});
});

describe('redrawProgress', () => {
	it('reads the percentage and the words of common bars', () => {
		expect(redrawProgress('Downloading:  45%|████▌     | 45/100 [00:01<00:01, 44.2it/s]')).toEqual({fraction: 0.45, message: 'Downloading: 45/100 [00:01<00:01, 44.2it/s]'});
		expect(redrawProgress('   ━━━━━━━━━━━━━━━━╺━━━━━━━━━━━━━━━━━━━━━━━ 4.1/10.2 MB 3.3 MB/s eta 0:00:02 40.5%')).toEqual({fraction: 0.405, message: '4.1/10.2 MB 3.3 MB/s eta 0:00:02'});
		expect(redrawProgress('100%|██████████| 4/4')).toEqual({fraction: 1, message: '4/4'});
		expect(redrawProgress(' 7%')).toEqual({fraction: 0.07, message: undefined});
	});

	it('is no progress without a percentage of at most 100', () => {
		expect(redrawProgress('Downloading: 45/100 [00:01<00:01]')).toBeUndefined();
		expect(redrawProgress('up 1000% today')).toBeUndefined();
		expect(redrawProgress('250%')).toBeUndefined();
	});
});
