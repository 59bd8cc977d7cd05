/** What the errno codes a log file meets mean, in the words `strerror` uses. */
const meanings: Record<string, string> = {
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	EROFS: 'read-only file system',
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	ENOENT: 'no such file or directory',
	ENOTDIR: 'a part of the path is not a directory',
	EISDIR: 'is a directory',
	EEXIST: 'file exists',
	EIO: 'input/output error',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files in system',
	EFBIG: 'file too large',
	EBADF: 'bad file descriptor',
	EPIPE: 'broken pipe',
};

/** `ENOSPC (no space left on device)` for a Node file error; the message for anything else. */
export function fileErrorText(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (typeof code === 'string') {
		return `${code} (${meanings[code] ?? messageOf(error)})`;
	}

	return messageOf(error);
}

function messageOf(error: unknown): string {
	try {
		const message = (error as {message?: unknown} | undefined)?.message;
		return typeof message === 'string' ? message : String(error);
	} catch {
		return 'unknown error';
	}
}
