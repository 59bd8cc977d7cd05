/** The API's calls into the protocol: at most four in flight to the scheduler, refusals as HTTP errors. */
import {describe, expect, it} from 'vitest';
import {HttpError} from '../../src/http/http-errors.js';
import {protocolCall, type ProtocolRequester} from '../../src/http/protocol-call.js';
import {ConnectionClosedError, ProtocolError} from '../../src/protocol/wire.js';

describe('protocolCall', () => {
	it('keeps at most four requests in flight; the others wait their turn, in order', async () => {
		let inFlight = 0;
		let most = 0;
		const order: number[] = [];
		const pending: Array<() => void> = [];
		const requester = {
			async request(_method: string, params: {runId: number}) {
				inFlight++;
				most = Math.max(most, inFlight);
				order.push(params.runId);
				await new Promise<void>(resolve => {
					pending.push(resolve);
				});
				inFlight--;
				return {run: undefined, notifications: []};
			},
		} as unknown as ProtocolRequester;
		const call = protocolCall(requester);
		const calls = Array.from({length: 10}, async (_, i) => call('get-run', {runId: i + 1}));
		while (order.length < 10) {
			await new Promise(resolve => {
				setTimeout(resolve, 1);
			});
			expect(inFlight).toBeLessThanOrEqual(4);
			pending.shift()?.();
		}

		for (const release of pending.splice(0)) {
			release();
		}

		await Promise.all(calls);
		expect(most).toBe(4);
		expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('a refusal is its HTTP status, a scheduler gone is 503, bad params 400 without asking', async () => {
		const failing = (error: Error) => protocolCall({request: async () => Promise.reject(error)} as ProtocolRequester);
		await expect(failing(new ProtocolError('not-found', 'no job "x"'))('pause-job', {jobId: 'x'})).rejects.toMatchObject({status: 404, code: 'not-found'});
		await expect(failing(new ConnectionClosedError('the scheduler thread ended'))('snapshot', {})).rejects.toMatchObject({status: 503, code: 'unavailable'});
		const asked: string[] = [];
		const call = protocolCall({request: async (method: string) => asked.push(method)} as unknown as ProtocolRequester);
		await expect(call('get-run', {runId: 'one' as unknown as number})).rejects.toBeInstanceOf(HttpError);
		expect(asked).toEqual([]);
		// A slot is given back after a refusal too.
		const refusing = failing(new ProtocolError('conflict', 'no'));
		for (let i = 0; i < 6; i++) {
			await expect(refusing('cancel-run', {runId: 1})).rejects.toMatchObject({status: 409});
		}
	});
});
