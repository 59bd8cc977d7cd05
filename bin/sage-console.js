#!/usr/bin/env -S node --max-semi-space-size=2
// The flag caps V8's young generation at 2 MB a semi-space (V8 reads it only at start). The console
// thread allocates about 1 MB/s while logs scroll; uncapped, V8 grows its young generation to 32 MB
// there and back as it likes, and the process's memory saws by as much all day. Capped, young
// collections come every second or two and take about a millisecond (README, "Benchmarks").
import {existsSync} from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
	process.stderr.write('sage-console is not built yet: run `npm install` (or `npm run build`) in its folder first\n');
	process.exit(1);
}

await import(entry.href);
