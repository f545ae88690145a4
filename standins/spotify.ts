// A Spotify stand-in: accounts service (/api/token, /authorize) and Web API on one 127.0.0.1 server, so its
// `url` serves as both SPOTIFY_ACCOUNTS_URL and SPOTIFY_API_URL. Operations come from Spotify's OpenAPI spec:
// deprecated ones answer 404 as they do for new apps, and every call is recorded for assertions.
// A facade: the parts live in spotify/ (accounts, webApi, faults, objects, ...).

export { startSpotifyStandin } from './spotify/server.js';
export type {
	FaultOptions,
	IssuedTokens,
	ListenerSeed,
	PerTimeRange,
	RecordedRequest,
	SeededListener,
	SeedPlaylist,
	SpotifyFault,
	SpotifyStandin,
	SpotifyStandinOptions,
	SpotifyUser,
	StandinPlaylist,
	TimeRange,
} from './spotify/types.js';
