// What a browser does on the confirm page after Spotify's consent: submit its one form with Link or Not me.

export interface ConfirmForm {
	/** Where the form posts, resolved against the page's URL. */
	action: string;
	token: string;
}

/** The confirm page's form, read as a browser would; throws when the page has none. */
export function readConfirmForm(pageUrl: string | URL, html: string): ConfirmForm {
	const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
	const token = /<input type="hidden" name="confirm" value="([^"]+)">/.exec(html)?.[1];
	if (action === undefined || token === undefined) throw new Error(`no confirm form on the page:\n${html}`);
	return { action: new URL(action, pageUrl).toString(), token };
}

/** Submits the form as the browser would (application/x-www-form-urlencoded, the pressed button's value). */
export function submitConfirmForm(form: ConfirmForm, decision: 'link' | 'cancel'): Promise<Response> {
	return fetch(form.action, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ confirm: form.token, decision }).toString(),
		redirect: 'manual',
	});
}

/** Opens the callback URL Spotify redirected to, and confirms the link on the page it shows. */
export async function openCallbackAndConfirm(callback: string | URL, decision: 'link' | 'cancel' = 'link') {
	const confirm = await fetch(callback, { redirect: 'manual' });
	const html = await confirm.text();
	if (confirm.status !== 200) return { confirm, html, decided: undefined };
	const decided = await submitConfirmForm(readConfirmForm(callback, html), decision);
	return { confirm, html, decided };
}
