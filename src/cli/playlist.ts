import { parseArgs } from 'node:util';
import { ConfigError, loadPipelineConfig } from '../config.js';
import { createLogger } from '../log.js';
import { createPipelineServices, type PipelineServices } from '../wiring/pipelineServices.js';
import { LENGTH_DEFAULT } from '../services/pipeline/requestChecks.js';
import { createStore } from '../services/store/createStore.js';
import { describeFailure } from './describeFailure.js';
import { formatPlaylist } from './formatPlaylist.js';

// `npm run playlist -- "upbeat k-pop for running" --length 20`: the bot's pipeline in a terminal,
// so an owner can check Ollama and Spotify before inviting the bot anywhere.

const USAGE =
	'Usage: npm run playlist -- "upbeat k-pop for running" [--length 15 | --minutes 45] [--fresh] [--refine "less rap, more 2000s"]';

async function checkUpstreams(services: PipelineServices, ollamaHosts: string[]): Promise<void> {
	await services.catalog.checkCredentials();
	if (!(await services.llm.ping())) {
		const where = `${ollamaHosts.length === 1 ? 'at' : 'at any of'} ${ollamaHosts.join(', ')}`;
		console.error(
			`Warning: Ollama is not reachable ${where}; the playlist will be built without the LLM. Start it with \`ollama serve\`.`,
		);
	}
}

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			length: { type: 'string', short: 'l' },
			minutes: { type: 'string', short: 'm' },
			fresh: { type: 'boolean' },
			refine: { type: 'string', short: 'r' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	const prompt = positionals.join(' ');
	if (values.help || !prompt.trim()) {
		console.error(USAGE);
		return values.help ? 0 : 2;
	}
	const config = loadPipelineConfig(process.env);
	const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
	const store = await createStore(config.databaseUrl);
	try {
		const services = createPipelineServices(config, store, { logger });
		await checkUpstreams(services, config.ollama.hosts);
		const length = values.length === undefined ? LENGTH_DEFAULT : Number(values.length);
		const minutes = values.minutes === undefined ? {} : { minutes: Number(values.minutes) };
		const result = await services.pipeline.run(prompt, { length, ...minutes, fresh: values.fresh ?? false });
		console.log(formatPlaylist(result));
		if (values.refine !== undefined) {
			// As Refine… in Discord: a new version of the list just made, from the change request.
			const refined = await services.pipeline.refine(result, values.refine);
			console.log(`\nRefined: ${values.refine}\n${formatPlaylist(refined)}`);
		}
		return 0;
	} finally {
		await store.close();
	}
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof ConfigError ? error.message : describeFailure(error));
		process.exit(1);
	},
);
