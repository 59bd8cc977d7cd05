import {spawnSync} from 'node:child_process';
import {readdirSync, readlinkSync} from 'node:fs';

/** The inodes of the sockets process `pid` holds open (its /proc/PID/fd links `socket:[N]`). */
export function socketInodes(pid: number): Set<string> {
	const inodes = new Set<string>();
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			const inode = /^socket:\[(\d+)]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
			if (inode) {
				inodes.add(inode);
			}
		} catch {
			// Closed while being read.
		}
	}

	return inodes;
}

/**
 * The sockets `server` holds open whose other end is one of `client`'s unix sockets: the server's side
 * of that client's connections, as `ss -x` pairs them (its Port columns are the sockets' inodes).
 */
export function serverEndsOf(server: number, client: number): string[] {
	const clientInodes = socketInodes(client);
	const {stdout} = spawnSync('ss', ['-x', '-a', '-n'], {encoding: 'utf8'});
	const peers = new Set<string>();
	for (const line of stdout.split('\n').slice(1)) {
		// Netid State Recv-Q Send-Q Local-Address Local-Port Peer-Address Peer-Port
		const [, , , , , local, , peer] = line.trim().split(/\s+/);
		if (local && peer && clientInodes.has(local)) {
			peers.add(peer);
		}
	}

	const serverInodes = socketInodes(server);
	return [...peers].filter(inode => serverInodes.has(inode));
}
