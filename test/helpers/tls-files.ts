/**
 * A private CA and what it signs, made with the real `openssl` into a test's folder: a server
 * certificate for 127.0.0.1 (subjectAltName IP:127.0.0.1), a client certificate, and a second CA that
 * signed nothing of these (a client trusting it does not trust the server). Keys are mode 0600.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export type TlsFiles = {
	caFile: string;
	serverCertFile: string;
	serverKeyFile: string;
	clientCertFile: string;
	clientKeyFile: string;
	/** A CA of its own, unrelated to the others. */
	otherCaFile: string;
};

function openssl(dir: string, args: string[]): void {
	execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});
}

function makeCa(dir: string, name: string): void {
	openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`]);
}

/** A certificate for `subject` signed by the CA `ca`, with `extensions` (an openssl extfile's lines). */
function makeSigned(dir: string, name: string, subject: string, extensions: string): void {
	openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
	writeFileSync(path.join(dir, `${name}.ext`), extensions);
	openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`]);
}

export function makeTlsFiles(dir: string): TlsFiles {
	mkdirSync(dir, {recursive: true});
	makeCa(dir, 'ca');
	makeCa(dir, 'other-ca');
	makeSigned(dir, 'server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
	makeSigned(dir, 'client', '/CN=sage-worker', 'extendedKeyUsage=clientAuth\n');
	for (const key of ['ca.key', 'other-ca.key', 'server.key', 'client.key']) {
		chmodSync(path.join(dir, key), 0o600);
	}

	const file = (name: string) => path.join(dir, name);
	return {
		caFile: file('ca.pem'),
		serverCertFile: file('server.pem'),
		serverKeyFile: file('server.key'),
		clientCertFile: file('client.pem'),
		clientKeyFile: file('client.key'),
		otherCaFile: file('other-ca.pem'),
	};
}
