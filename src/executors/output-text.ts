import {isUtf8} from 'node:buffer';

/**
 * A line of a program's output as text: UTF-8, or, when the bytes are not UTF-8 but are whole GB18030
 * (GBK's superset), that: a legacy script on a zh_CN.GBK box, or one writing a data vendor's GBK text
 * as it came, prints Chinese that UTF-8 would turn into U+FFFD for good, in the log, the stack and the
 * alert alike. Anything else (binary, Latin-1) is UTF-8 with U+FFFD for what is not.
 */
export function outputText(bytes: Buffer, gbk: boolean): string {
	const text = bytes.toString('utf8');
	if (!gbk || !text.includes('\uFFFD') || isUtf8(bytes)) {
		return text;
	}

	try {
		return new TextDecoder('gb18030', {fatal: true}).decode(bytes);
	} catch {
		return text;
	}
}
