#!/usr/bin/env node
import {existsSync} from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
	process.stderr.write('sage-console is not built yet: run `npm run build` in its folder first\n');
	process.exit(1);
}

await import(entry.href);
