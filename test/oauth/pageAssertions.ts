import { expect } from 'vitest';

export interface ReadPage {
	status: number;
	html: string;
	headers: Headers;
}

export async function readPage(response: Response): Promise<ReadPage> {
	return { status: response.status, html: await response.text(), headers: response.headers };
}

/** lang, title, main landmark, one h1; no script, external asset or inline style attribute. */
export function expectAccessiblePage(html: string): void {
	expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
	expect(html).toMatch(/<title>[^<]+ · promptlist<\/title>/);
	expect(html).toMatch(/<main class="(success|info|error)">\n<h1>[^<]+<\/h1>/);
	expect(html.match(/<h1>/g)).toHaveLength(1);
	expect(html).not.toMatch(/<script|<link|<img|\bsrc=|\bhref=|\sstyle=/i);
}
