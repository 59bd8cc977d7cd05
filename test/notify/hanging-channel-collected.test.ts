/**
 * A robot that accepts an alert and never answers must still be given up on at the attempt's timeout
 * when garbage collections run meanwhile, as they do all day in a long-running scheduler. Before, the
 * attempt's signal could be collected mid-request (Node 20 holds `AbortSignal.any` weakly): the request
 * was never aborted, and that robot's queue, with every alert behind it, waited for good.
 */
import path from 'node:path';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {afterEach, expect, it} from 'vitest';
import {sendDingtalk} from '../../src/notify/channels/dingtalk.js';
import {DeliveryQueue, type DeliveryResult} from '../../src/notify/delivery-queue.js';
import type {Message} from '../../src/notify/notification-types.js';
import {SqliteNotificationStore} from '../../src/store/notification-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {RobotServer} from '../helpers/robot-servers.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const secret = 'SECdt-0a1b2c3d4e5f';
let robots: RobotServer | undefined;

afterEach(async () => {
	await robots?.stop();
});

const message = (title: string): Message => ({kind: 'failure', title, html: title, markdown: title, text: title, jobId: 'fetch'});

it('a hanging robot is given up on at each attempt\'s timeout through garbage collections, and the alert behind it goes out', async () => {
	robots = new RobotServer(secret, 'pp-token');
	const base = await robots.start();
	robots.mode.dingtalk = 'hang';
	const webhook = `${base}/robot/send?access_token=dt-token`;
	const store = new SqliteNotificationStore(openDatabase(path.join(scratchDir(), 'sage.db')));
	// Each attempt's timeout long enough for the robot that answers to answer at once on a loaded box
	// (at 300 ms a CI run timed its one attempt out, and it was sent at the second).
	const queue = new DeliveryQueue({store, attempts: 2, backoffMs: 20, timeoutMs: 1500, secrets: [], log: () => undefined});
	const send = (title: string) => queue.enqueue({channel: 'dingtalk', key: 'dingtalk:robot', recipient: 'robot', message: message(title), send: async (sent, signal) => sendDingtalk(webhook, secret, sent, signal)});

	const results: DeliveryResult[] = [];
	const collections = setInterval(collectGarbage, 10);
	try {
		void send('first').then(result => results.push(result));
		await waitFor(() => results.length === 1, 10_000, 'the first alert given up on');
		robots.mode.dingtalk = 'ok';
		void send('second').then(result => results.push(result));
		await waitFor(() => results.length === 2, 10_000, 'both alerts settled');
	} finally {
		clearInterval(collections);
	}

	expect(results[0]).toMatchObject({status: 'failed', attempts: 2, error: 'no answer in time'});
	expect(results[1]).toMatchObject({status: 'sent', attempts: 1});
	expect(robots.of('/robot/send').map(received => (received.body.markdown as {title: string}).title)).toEqual(['second']);
});
