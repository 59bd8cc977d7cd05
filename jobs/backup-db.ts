import {mkdir, readdir, unlink} from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {JobContext} from '../src/job-api.js';

type Params = {keep?: number; database?: string};

/** SQLite online backup of the history database into `data/backup/`, keeping the newest `keep` copies. */
export default async function backupDb(ctx: JobContext<Params>) {
	const keep = ctx.params.keep ?? 7;
	const source = path.resolve(ctx.paths.root, ctx.params.database ?? path.join(ctx.paths.data, 'sage.db'));
	const dir = path.join(ctx.paths.data, 'backup');
	await mkdir(dir, {recursive: true});
	const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
	const target = path.join(dir, `${path.basename(source, '.db')}-${stamp}.db`);
	const db = new Database(source, {readonly: true, fileMustExist: true});
	try {
		await db.backup(target, {
			progress({totalPages, remainingPages}) {
				ctx.progress(totalPages === 0 ? 1 : (totalPages - remainingPages) / totalPages, 'copying pages');
				return ctx.signal.aborted ? 0 : 200;
			},
		});
	} finally {
		db.close();
	}

	const check = new Database(target, {readonly: true});
	const integrity = check.pragma('integrity_check', {simple: true});
	check.close();
	if (integrity !== 'ok') {
		throw new Error(`backup ${target} failed its integrity check: ${String(integrity)}`);
	}

	const backups = (await readdir(dir)).filter(name => name.endsWith('.db')).sort();
	const removed = backups.slice(0, Math.max(0, backups.length - keep));
	await Promise.all(removed.map(async name => unlink(path.join(dir, name))));
	ctx.log.info({target, kept: backups.length - removed.length, removed: removed.length}, 'backup written');
	return {backup: path.relative(ctx.paths.root, target), removed: removed.length};
}
