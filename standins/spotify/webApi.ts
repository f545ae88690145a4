import type { Request, Response } from 'express';
import type { QueryProblem } from '../spotifySpec.js';
import type { ApiCall, Context } from './context.js';
import { handleLibraryContains, handleTopArtists, handleTopTracks } from './listeners.js';
import { handleGetItems, handleListMyPlaylists } from './playlistReads.js';
import { handleAddItems, handleCreatePlaylist } from './playlists.js';
import { apiError, queryOf } from './replies.js';
import { handleGetTrack, handleSearch } from './search.js';
import { authenticate, handleGetMe } from './users.js';

// The Web API's front: each request is matched to an operation of Spotify's OpenAPI spec; deprecated and unknown
// operations answer 404, then come auth, the spec's query checks and the few operations the stand-in implements.

const HANDLERS: Record<string, (call: ApiCall) => void> = {
	search: handleSearch,
	'get-track': handleGetTrack,
	'get-current-users-profile': handleGetMe,
	'create-playlist': handleCreatePlaylist,
	'get-a-list-of-current-users-playlists': handleListMyPlaylists,
	'add-items-to-playlist': handleAddItems,
	'get-playlists-items': handleGetItems,
	'get-users-top-artists': handleTopArtists,
	'get-users-top-tracks': handleTopTracks,
	'check-library-contains': handleLibraryContains,
};

export function handleWebApi(ctx: Context, req: Request, res: Response): void {
	const query = queryOf(ctx, req);
	const call = `${req.method} ${req.path}`;
	const match = ctx.spec.findOperation(req.method, req.path);
	if (!match) {
		ctx.records.unknownCalls.push(call);
		return apiError(res, 404, 'Service not found');
	}
	if (match.operation.deprecated) {
		ctx.records.deprecatedCalls.push(call);
		return apiError(res, 404, 'Not found.');
	}
	const grant = authenticate(ctx, req, res);
	if (!grant) return;
	const problem = ctx.spec.checkQuery(match.operation, query);
	if (problem) return apiError(res, 400, queryProblemMessage(match.operation.operationId, problem));
	const handler = HANDLERS[match.operation.operationId];
	if (!handler) {
		ctx.records.unimplementedCalls.push(call);
		return apiError(res, 501, `The Spotify stand-in does not implement ${match.operation.operationId}`);
	}
	handler({ ctx, req, res, grant, params: match.pathParams, query });
}

function queryProblemMessage(operationId: string, problem: QueryProblem): string {
	if (operationId === 'search' && problem.name === 'q') return 'No search query';
	if (operationId === 'search' && problem.name === 'type' && problem.problem === 'invalid')
		return 'Bad search type field';
	return problem.problem === 'missing' ? `Missing parameter ${problem.name}` : `Invalid ${problem.name}`;
}
