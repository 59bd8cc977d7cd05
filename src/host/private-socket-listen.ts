/**
 * bind(2) makes a unix socket's file with mode 0777 less the umask, and connecting needs write permission
 * on it: a chmod to 0600 after the bind leaves a moment when, under a umask of 002 or 000 (a systemd
 * `UMask=`, a container), whoever can reach the folder can connect. The umask cannot be narrowed instead:
 * it is the whole process's, and cannot be set at all from a worker thread, where the console's scheduler
 * runs. So where the folder lets others in (a root's `data/`, usually 0755), the socket is made in a fresh
 * 0700 folder beside it, narrowed to 0600 there, and renamed into place: it appears at its path already
 * 0600. A folder only this user reaches (the 0700 fallback folder, owner-checked in socket-path.ts) needs
 * none of it. The folder is named after the socket (`.sage.sock-Ab12Cd`): one a kill left behind is known
 * as this socket's and removed at the next start (leftover-socket-folders.ts), where a bare `.Ab12Cd`
 * could be anybody's.
 */
import {chmodSync, lstatSync, mkdtempSync, renameSync, rmSync, statSync} from 'node:fs';
import type net from 'node:net';
import path from 'node:path';

/** sun_path holds 108 bytes on Linux, the last a NUL. */
const maxSocketPathBytes = 107;

/**
 * What the private folder's name starts with, `.` and the socket's name and `-` (`.sage.sock-`): mkdtemp
 * adds six letters or digits.
 */
export function privateFolderPrefix(socketPath: string): string {
	return `.${path.basename(socketPath)}-`;
}

/** The socket file as made: removed at close only while it is still this one (the path may hold a newer). */
export type ListenedSocket = {dev: number; ino: number};

async function listenAt(server: net.Server, socketPath: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function onlyOwnerReaches(folder: string): boolean {
	const stat = statSync(folder);
	return (stat.mode & 0o077) === 0 && stat.uid === process.getuid?.();
}

/** Listens on `socketPath`, whose file is 0600 from the moment it is there. */
export async function listenPrivately(server: net.Server, socketPath: string): Promise<ListenedSocket> {
	const folder = path.dirname(socketPath);
	const prefix = path.join(folder, privateFolderPrefix(socketPath));
	// `.sage.sock-XXXXXX/s` is ten bytes longer than `sage.sock`; a path that close to the limit (a root
	// deep down) is bound in place and narrowed after, as before: the moment stays there only.
	const fits = Buffer.byteLength(path.join(`${prefix}XXXXXX`, 's')) <= maxSocketPathBytes;
	if (onlyOwnerReaches(folder) || !fits) {
		await listenAt(server, socketPath);
		chmodSync(socketPath, 0o600);
		return statSync(socketPath);
	}

	const privateFolder = mkdtempSync(prefix);
	try {
		const made = path.join(privateFolder, 's');
		await listenAt(server, made);
		chmodSync(made, 0o600);
		renameSync(made, socketPath);
		return lstatSync(socketPath);
	} catch (error) {
		server.close();
		throw error;
	} finally {
		rmSync(privateFolder, {recursive: true, force: true});
	}
}

/**
 * Removes the socket file at `socketPath` if it is still the one `listened` made: a socket renamed into
 * place is not removed by Node's close, which removes the path it was bound at.
 */
export function removeListenedSocket(socketPath: string, listened: ListenedSocket | undefined): void {
	try {
		const stat = lstatSync(socketPath);
		if (listened && stat.dev === listened.dev && stat.ino === listened.ino) {
			rmSync(socketPath, {force: true});
		}
	} catch {
		// Gone already.
	}
}
