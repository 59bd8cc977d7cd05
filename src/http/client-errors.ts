/**
 * A request Node's HTTP parser refuses before any route sees it (headers past its limit, a request line
 * that is not HTTP, one not sent whole in time), answered in the API's shape `{error, message}` with its
 * codes. Fastify's default answered `{"error":"Request Header Fields Too Large",…,"statusCode":431}`:
 * no code a client could match on (docs/http-api.md).
 */
import {maxHeaderSize, STATUS_CODES} from 'node:http';
import type {Socket} from 'node:net';

/** The status, code and message for the parser's error `code`. */
function answerFor(code: string | undefined): {status: number; error: string; message: string} {
	if (code === 'HPE_HEADER_OVERFLOW') {
		return {status: 431, error: 'too-large', message: `the request's headers (its URL included) are larger than the API takes: ${maxHeaderSize / 1024} KiB`};
	}

	if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
		return {status: 408, error: 'bad-request', message: 'the request did not arrive whole in time'};
	}

	return {status: 400, error: 'bad-request', message: 'the request cannot be read as HTTP/1.1'};
}

/** Fastify's `clientErrorHandler`: writes the answer on the socket, then closes it, as Fastify's own does. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
	// A connection reset has nobody left to answer.
	if (error.code === 'ECONNRESET' || socket.destroyed) {
		return;
	}

	const {status, error: code, message} = answerFor(error.code);
	const body = JSON.stringify({error: code, message});
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
	}

	socket.destroy(error);
}
