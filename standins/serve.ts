import { randomBytes } from 'node:crypto';
import { startDiscordStandin } from './discord.js';
import { startUpstreams, TEST_SPOTIFY_CLIENT } from './upstreams.js';

// `npm run standins`: the Spotify, Ollama and Discord stand-ins, for a demo without any account.
// Prints the environment to point the bot or `npm run playlist` at them.

const upstreams = await startUpstreams({
	spotify: { autoApprove: false },
	ollama: { firstTokenMs: 300, perTokenMs: 5 },
});
const discord = await startDiscordStandin({ guildIds: ['100000000000000001'] });

console.log(`Stand-ins are running. In another terminal:

export SPOTIFY_CLIENT_ID=${TEST_SPOTIFY_CLIENT.clientId} SPOTIFY_CLIENT_SECRET=${TEST_SPOTIFY_CLIENT.clientSecret}
export SPOTIFY_API_URL=${upstreams.spotify.url} SPOTIFY_ACCOUNTS_URL=${upstreams.spotify.url}
export OLLAMA_HOST=${upstreams.ollama.url} DATABASE_URL=sqlite://data/demo.sqlite
npm run playlist -- "upbeat k-pop for running" --length 20

For the bot, also:
export DISCORD_TOKEN=${discord.token} DISCORD_CLIENT_ID=${discord.applicationId} DISCORD_API_URL=${discord.apiUrl}
export SPOTIFY_REDIRECT_URI=http://127.0.0.1:8888/callback TOKEN_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}
npm start

Press Ctrl+C to stop.`);

const stop = async () => {
	await Promise.all([upstreams.close(), discord.close()]);
	process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
