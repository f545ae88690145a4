import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type SpotifyWebApiType from 'spotify-web-api-node';

// The one module that touches spotify-web-api-node. The library (last released 2021) hard-codes
// https://api.spotify.com and https://accounts.spotify.com in two `builder` factories. We keep the
// library unmodified and wrap those factories once: each call made inside `withBaseUrls` is
// re-targeted at the configured hosts, so tests and proxies work and concurrent clients with
// different hosts don't interfere.

interface RequestBuilder {
	withScheme(scheme: string): RequestBuilder;
	withHost(host: string): RequestBuilder;
	withPort(port: number): RequestBuilder;
}

interface BuilderModule {
	builder: (...args: unknown[]) => RequestBuilder;
}

export interface SpotifyBaseUrls {
	apiUrl: string;
	accountsUrl: string;
}

const require = createRequire(import.meta.url);
const SpotifyWebApi = require('spotify-web-api-node') as typeof SpotifyWebApiType;
const WEBAPI_REQUEST = require('spotify-web-api-node/src/webapi-request.js') as BuilderModule;
const AUTH_REQUEST = require('spotify-web-api-node/src/authentication-request.js') as BuilderModule;

const currentTarget = new AsyncLocalStorage<{ api: URL; accounts: URL }>();
let routingInstalled = false;

function retarget(builder: RequestBuilder, url: URL | undefined): RequestBuilder {
	if (!url) return builder;
	const scheme = url.protocol.replace(':', '');
	const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
	return builder.withScheme(scheme).withHost(url.hostname).withPort(port);
}

function installHostRouting(): void {
	if (routingInstalled) return;
	routingInstalled = true;
	const apiBuilder = WEBAPI_REQUEST.builder;
	const accountsBuilder = AUTH_REQUEST.builder;
	WEBAPI_REQUEST.builder = (...args) => retarget(apiBuilder(...args), currentTarget.getStore()?.api);
	AUTH_REQUEST.builder = (...args) => retarget(accountsBuilder(...args), currentTarget.getStore()?.accounts);
}

export type SpotifyWebApi = SpotifyWebApiType;

export interface LibraryCredentials {
	clientId: string;
	clientSecret: string;
	redirectUri?: string;
	accessToken?: string;
	refreshToken?: string;
}

/**
 * Runs `call` with a fresh library instance aimed at `urls`. A fresh instance per call keeps one
 * user's token from ever leaking into another user's request.
 */
export function withSpotifyLibrary<T>(
	urls: SpotifyBaseUrls,
	credentials: LibraryCredentials,
	call: (api: SpotifyWebApi) => Promise<T>,
): Promise<T> {
	installHostRouting();
	const api = new SpotifyWebApi(credentials);
	return currentTarget.run({ api: new URL(urls.apiUrl), accounts: new URL(urls.accountsUrl) }, () => call(api));
}
