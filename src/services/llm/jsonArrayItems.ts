/**
 * Finds the complete objects of the first array in a JSON text that is still arriving, so work on
 * each item (e.g. verifying a suggested track) can start before the model finishes its answer.
 * Feed it the text so far; it returns the raw JSON of objects completed since the last call.
 */
export function createArrayItemScanner(): (text: string) => string[] {
	let scanned = 0;
	let depth = 0;
	let inString = false;
	let escaped = false;
	let itemStart = -1;
	// The array we read is the first one opened at depth 1, i.e. `{"key": [ {…}, {…} ]}`.
	let arrayDepth = -1;

	return (text: string) => {
		const items: string[] = [];
		for (; scanned < text.length; scanned++) {
			const char = text[scanned];
			if (inString) {
				if (escaped) escaped = false;
				else if (char === '\\') escaped = true;
				else if (char === '"') inString = false;
				continue;
			}
			if (char === '"') inString = true;
			else if (char === '[' || char === '{') {
				depth++;
				if (char === '[' && arrayDepth === -1 && depth === 2) arrayDepth = depth;
				if (char === '{' && arrayDepth !== -1 && depth === arrayDepth + 1) itemStart = scanned;
			} else if (char === ']' || char === '}') {
				if (char === '}' && itemStart !== -1 && depth === arrayDepth + 1) {
					items.push(text.slice(itemStart, scanned + 1));
					itemStart = -1;
				}
				depth--;
			}
		}
		return items;
	};
}
