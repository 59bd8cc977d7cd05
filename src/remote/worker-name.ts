/**
 * A worker's name: `host:pid`, unless a worker of that name is in the heartbeats (kept an hour after
 * it was last heard of), then the first free `host:pid.2`, `.3`, …. Containers share a host name and
 * are pid 1, so a restarted container's worker, or two alike, would otherwise be one name: listed as
 * one, and the survivor's heartbeat would keep a dead one's name alive, its run never handed over.
 */

/**
 * The first of `base`, `base.2`, `base.3`, … that `claim` gets (it writes the heartbeat under the name
 * unless one is there: HSETNX). Not bounded: the heartbeats are finitely many, so a free name comes,
 * and a name taken at a bound would make two workers one again.
 */
export async function claimFreeName(base: string, claim: (name: string) => Promise<boolean>): Promise<string> {
	for (let n = 1; ; n++) {
		const name = n === 1 ? base : `${base}.${n}`;
		if (await claim(name)) {
			return name;
		}
	}
}
