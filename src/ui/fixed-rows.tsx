import {Box, Transform} from 'ink';
import {memo} from 'react';

export type FixedRowsProps = {
	/** Finished rows: fitted to `width` and coloured already (row-text.ts). */
	rows: readonly string[];
	width: number;
	/** @default rows.length */
	height?: number;
};

/**
 * The one way this console puts text on the screen. Ink measures and wraps the text of a Text node
 * and keeps every distinct text it has measured in module-level caches that never shrink: a moving
 * log, a ticking clock or a progress bar drawn as Text would make the console grow all day (about
 * 1.6 MB a minute with a busy log). A Transform's function, though, runs only when a line is written
 * out (Ink 6: measureText/wrapText on the squashed node text, then output.write with transformers).
 * So Ink gets a blank block as high as the panel (a space a line: the Box gives the width, and Ink
 * measures the block's widest line at every frame), the same few strings all day, and the Transform
 * swaps in the real row for each line as it is written.
 *
 * The block must be a Box's direct child: a Transform nested in a Text is applied while squashing,
 * and its output would be measured after all. A row's trailing blanks are left out: Ink's screen is
 * blank there already, and every cell handed to Ink is worked out (tokenised) at each frame.
 */
export const FixedRows = memo(function FixedRows({rows, width, height = rows.length}: FixedRowsProps) {
	if (width <= 0 || height <= 0) {
		return null;
	}

	const block = height === 1 ? ' ' : ' \n'.repeat(height - 1) + ' ';
	return (
		<Box width={width} height={height} flexShrink={0}>
			<Transform transform={(_line, index) => (rows[index] ?? '').trimEnd()}>{block}</Transform>
		</Box>
	);
});
