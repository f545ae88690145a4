import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log.js';
import { findErrorText } from '../errorText/findErrorText.js';
import type { CompleteLinkInput, CompleteLinkResult, Linking } from '../services/linking/linkFlow.js';
import {
	deniedPage,
	errorPage,
	failedPage,
	invalidStatePage,
	linkedPage,
	PAGE_FRAMING,
	serverErrorPage,
	type Page,
} from './pages.js';

export interface CallbackDeps {
	linking: Pick<Linking, 'completeLink'>;
	logger: Logger;
}

export function sendPage(res: Response, page: Page): void {
	res.status(page.status).type('html').send(page.html);
}

/** Only single string values count; a repeated parameter is treated as missing. */
function readInput(req: Request): CompleteLinkInput {
	const query = req.query as Record<string, unknown>;
	const text = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
	return { state: text('state'), code: text('code'), error: text('error') };
}

function pageFor(result: CompleteLinkResult): Page {
	switch (result.outcome) {
		case 'linked':
			return linkedPage(result.account);
		case 'denied':
			return deniedPage();
		case 'invalid-state':
			return invalidStatePage();
		case 'failed':
			return failedPage(result.error);
	}
}

function failurePage(error: unknown, logger: Logger): Page {
	const known = findErrorText(error, 'page', PAGE_FRAMING);
	if (known) {
		// Spotify being down is worth a warning; a refused account or code is for the user to sort out.
		if (known.status >= 500) logger.warn({ err: error }, 'spotify failed during linking');
		return errorPage(known);
	}
	const reference = randomBytes(4).toString('hex');
	logger.error({ err: error, reference }, 'linking failed');
	return serverErrorPage(reference);
}

/** GET on the redirect URI's path: Spotify sends the browser here after the consent screen. */
export function createCallbackHandler(deps: CallbackDeps): RequestHandler {
	return async (req, res) => {
		let page: Page;
		try {
			page = pageFor(await deps.linking.completeLink(readInput(req)));
		} catch (error) {
			page = failurePage(error, deps.logger);
		}
		sendPage(res, page);
	};
}
