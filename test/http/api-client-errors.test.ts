/**
 * A request Node's HTTP parser refuses before any route (headers past 16 KiB, as a long URL makes them;
 * a request line that is not HTTP) is answered in the API's shape, `{error, message}` with a code of the
 * documented table: it was Fastify's `{"error":"Request Header Fields Too Large",…,"statusCode":431}`,
 * no code a client could match on. A real scheduling host and its HTTP API, over a raw TCP socket.
 */
import {connect} from 'node:net';
import {expect, it} from 'vitest';
import {apiHostForFile} from '../helpers/api-host-for-file.js';
import {apiJobs, readToken} from './api-fixtures.js';

const h = apiHostForFile(apiJobs);

/** Sends `request` as written and reads the whole answer, until the API closes the connection. */
async function rawAnswer(request: string): Promise<{status: number; type: string; body: unknown}> {
	const {hostname, port} = new URL(h.url);
	const text = await new Promise<string>((resolve, reject) => {
		let answer = '';
		const socket = connect(Number(port), hostname, () => socket.write(request));
		socket.setEncoding('utf8').on('data', (chunk: string) => {
			answer += chunk;
		}).on('end', () => resolve(answer)).on('error', reject);
	});
	const [head = '', body = ''] = text.split('\r\n\r\n');
	return {status: Number(head.split(' ')[1]), type: /^content-type: (.*)$/im.exec(head)?.[1] ?? '', body: JSON.parse(body) as unknown};
}

it('headers past the limit are 431 too-large, and a request that is not HTTP is 400 bad-request, as JSON', async () => {
	const longUrl = `/v1/runs?job=${'a'.repeat(20_000)}`;
	const tooLarge = await rawAnswer(`GET ${longUrl} HTTP/1.1\r\nHost: ${new URL(h.url).host}\r\nAuthorization: Bearer ${readToken}\r\n\r\n`);
	expect(tooLarge).toEqual({
		status: 431,
		type: 'application/json; charset=utf-8',
		body: {error: 'too-large', message: 'the request\'s headers (its URL included) are larger than the API takes: 16 KiB'},
	});

	const notHttp = await rawAnswer('HELLO THERE\r\n\r\n');
	expect(notHttp).toEqual({status: 400, type: 'application/json; charset=utf-8', body: {error: 'bad-request', message: 'the request cannot be read as HTTP/1.1'}});
});
