import type Database from 'better-sqlite3';
import type {SqliteDatabase} from './open-database.js';

/**
 * Statements whose text is built from what a call names (an update by its columns, a query by its
 * filters): a few dozen shapes, each prepared once on the connection.
 */
export class StatementCache {
	private readonly statements = new Map<string, Database.Statement<unknown[]>>();

	constructor(private readonly db: SqliteDatabase) {}

	/** The statement for `key`, prepared from `sql()` the first time it is asked for. */
	get(key: string, sql: () => string): Database.Statement<unknown[]> {
		let statement = this.statements.get(key);
		if (!statement) {
			statement = this.db.prepare(sql());
			this.statements.set(key, statement);
		}

		return statement;
	}
}
