/**
 * A local HTTP server that answers each request as `answer` says from its path: a stand-in for a
 * notification service or for something in the way of one. It keeps the paths it was asked, in order,
 * and is listening on 127.0.0.1 before the file's tests and closed after them.
 */
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll} from 'vitest';

export type Answer = {status?: number; headers?: Record<string, string>; body: string};

export function answeringServerForFile(answer: (path: string) => Answer): {base: () => string; asked: string[]} {
	const asked: string[] = [];
	const server = createServer((request, response) => {
		request.resume().on('end', () => {
			const path = request.url ?? '';
			asked.push(path);
			const {status = 200, headers = {'content-type': 'application/json'}, body} = answer(path);
			response.writeHead(status, headers).end(body);
		});
	});
	beforeAll(async () => {
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise(resolve => {
			server.close(resolve);
		});
	});
	return {base: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked};
}
