/** What Ink draws of a component, as the tests of the console's panels read it: plain text, row by row. */
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';

/** Text without its colours and styles (SGR sequences). */
export const stripAnsi = (text: string) => text.replaceAll(/\u001B\[\d+(?:;\d+)*m/g, '');

/** The rows of `element`'s one frame, without colours; the element is unmounted after. */
export function renderedRows(element: ReactElement): string[] {
	const {lastFrame, unmount} = render(element);
	const rows = stripAnsi(lastFrame() ?? '').split('\n');
	unmount();
	return rows;
}
