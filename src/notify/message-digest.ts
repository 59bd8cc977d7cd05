import type {Message} from './notification-types.js';

/** Most messages one digest carries; more go in the next one. */
export const maxDigestMessages = 10;
/** A phone's notification shows about this much of a title. */
const maxTitle = 120;

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function cut(text: string, max: number): string {
	const characters = [...text];
	return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/**
 * Messages that waited for the same phone channel (a burst of failures at the open, when a feed is
 * down), sent as one: the titles first, so a robot that cuts a long message (WeCom at 4 KB) still shows
 * every one of them, then each message in full for HTML and e-mail, and each one's fields without its
 * stack in markdown (the stacks are in `sage-console show RUN` and the run logs).
 */
export function digestMessage(messages: readonly Message[]): Message {
	const count = `📣 ${messages.length} notifications`;
	const why = 'They came faster than this channel takes them, so they are sent together.';
	const titles = messages.map(message => message.title);
	return {
		kind: messages[0]!.kind,
		title: cut(`${count}: ${titles.join(' · ')}`, maxTitle),
		html: [
			`<h3>${escapeHtml(count)}</h3><p>${escapeHtml(why)}</p>`,
			`<ul>${titles.map(title => `<li>${escapeHtml(title)}</li>`).join('')}</ul>`,
			...messages.map(message => `<hr>${message.html}`),
		].join(''),
		markdown: [
			`### ${count}`,
			why,
			titles.map(title => `- ${title}`).join('\n'),
			...messages.map(message => `---\n\n${message.markdownParts?.head ?? message.markdown}`),
		].join('\n\n'),
		text: [`${count}`, why, titles.map(title => `- ${title}`).join('\n'), ...messages.map(message => `———\n${message.text}`)].join('\n\n'),
	};
}
