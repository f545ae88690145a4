import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log.js';
import { findErrorText } from '../errorText/findErrorText.js';
import type {
	CompleteLinkInput,
	CompleteLinkResult,
	ConfirmLinkInput,
	ConfirmLinkResult,
	Linking,
} from '../services/linking/linkFlow.js';
import { CONFIRM_FIELD, confirmPage, DECISION_FIELD, nothingLinkedPage } from './confirmPage.js';
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
	linking: Pick<Linking, 'completeLink' | 'confirmLink'>;
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

function pageFor(result: CompleteLinkResult | ConfirmLinkResult, action: string): Page {
	switch (result.outcome) {
		case 'confirm':
			return confirmPage(result.pending, action);
		case 'discarded':
			return nothingLinkedPage();
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

/** The confirm form's fields; anything else (a missing or repeated field) is treated as missing. */
function readDecision(req: Request): ConfirmLinkInput {
	const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
	const token = typeof body[CONFIRM_FIELD] === 'string' ? body[CONFIRM_FIELD] : undefined;
	return { token, decision: body[DECISION_FIELD] === 'link' ? 'link' : 'cancel' };
}

function answer(deps: CallbackDeps, run: (req: Request) => Promise<CompleteLinkResult | ConfirmLinkResult>) {
	return async (req: Request, res: Response) => {
		let page: Page;
		try {
			page = pageFor(await run(req), req.path);
		} catch (error) {
			page = failurePage(error, deps.logger);
		}
		sendPage(res, page);
	};
}

/** GET on the redirect URI's path: Spotify sends the browser here after the consent screen; it shows the confirm page. */
export function createCallbackHandler(deps: CallbackDeps): RequestHandler {
	return answer(deps, (req) => deps.linking.completeLink(readInput(req)));
}

/** POST on the same path: the confirm page's Link or Not me. */
export function createConfirmHandler(deps: CallbackDeps): RequestHandler {
	return answer(deps, (req) => deps.linking.confirmLink(readDecision(req)));
}
