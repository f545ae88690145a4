// How wide text shows in a terminal: CJK and emoji take two columns, combining marks and zero-width characters none.
// Counted per grapheme, so cutting text never splits an emoji or a letter from its accent.

const WIDE =
	/[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;
// Emoji shown as pictures: by default, by a variation selector, or joined into one (👩‍🎤).
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\u200D/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
const segmenter = new Intl.Segmenter();

function graphemeWidth(grapheme: string): number {
	if (ZERO_WIDTH.test(grapheme)) return 0;
	return WIDE.test(grapheme) || EMOJI.test(grapheme) ? 2 : 1;
}

const graphemes = (text: string) => Array.from(segmenter.segment(text), (part) => part.segment);

export function displayWidth(text: string): number {
	return graphemes(text).reduce((sum, grapheme) => sum + graphemeWidth(grapheme), 0);
}

/** The text on one line in exactly `width` columns: padded with spaces, or cut with an ellipsis. */
export function fitColumns(text: string, width: number): string {
	const flat = text.replace(/\s+/g, ' ');
	const used = displayWidth(flat);
	if (used <= width) return flat + ' '.repeat(width - used);
	let kept = '';
	let keptWidth = 0;
	for (const grapheme of graphemes(flat)) {
		const next = graphemeWidth(grapheme);
		if (keptWidth + next > width - 1) break;
		kept += grapheme;
		keptWidth += next;
	}
	return `${kept}…${' '.repeat(width - 1 - keptWidth)}`;
}
