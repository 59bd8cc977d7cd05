#!/usr/bin/env node
import {existsSync} from 'node:fs';

// The bundle of dist/ (scripts/bundle.mjs): a few files to load instead of hundreds of modules.
const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
	process.stderr.write('sage-console is not built yet: run `npm run build` in its folder first\n');
	process.exit(1);
}

await import(entry.href);
