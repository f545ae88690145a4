import type { PickedTrack, PoolTrack } from './types.js';
import { normalize, significantWords, shuffle } from './text.js';

// Which tracks an answer names: pool tracks ranked by how well they fit the request, and at the configured rates
// made-up tracks and misspelled pool tracks, so the bot's matching and normalization get exercised.

const FAKE_ADJECTIVES = ['Neon', 'Velvet', 'Hollow', 'Silver', 'Paper', 'Crimson', 'Midnight', 'Glass', 'Electric'];
const FAKE_NOUNS = ['Mirage', 'Harbor', 'Lantern', 'Satellite', 'Orchard', 'Avenue', 'Tide', 'Comet', 'Parade'];
const FAKE_ARTISTS = [
	'The Imaginary Band',
	'Phantom Lanterns',
	'Nowhere Collective',
	'Ghost Frequency',
	'Static Ferns',
];
const FEATURED = ['Someone', 'Lil Nobody', 'DJ Placeholder', 'Anna Example'];

export interface ComposerSettings {
	tracks: PoolTrack[];
	genres: string[];
	/** Other names of genres, as requests write them ("bollywood" for filmi). */
	aliases: Record<string, string[]>;
	/** Per local scene, the global genre the model confuses it with unless told the language ("j-pop" → "pop"). */
	parents: Record<string, string>;
	hallucinationRate: number;
	variantRate: number;
}

/** What the answer's request asks of the tracks: the genres it names, and the language every song must be in. */
export interface TrackWish {
	genres: readonly string[];
	sungIn?: string | undefined;
}

/** A pool track's text as answers compare it, normalized once: every answer ranks the whole pool. */
interface PoolText {
	genre: string;
	genreWords: string[];
	artist: string;
	title: string;
}

const poolTexts = new WeakMap<PoolTrack, PoolText>();
// The pool's titles, for made-up ones to avoid: one set per pool.
const poolTitles = new WeakMap<PoolTrack[], Set<string>>();

function poolText(track: PoolTrack): PoolText {
	let text = poolTexts.get(track);
	if (!text) {
		const { genre, artist, title } = track;
		text = {
			genre: normalize(genre),
			genreWords: significantWords(genre),
			artist: normalize(artist),
			title: normalize(title),
		};
		poolTexts.set(track, text);
	}
	return text;
}

export class TrackPicker {
	readonly picked: PickedTrack[] = [];
	readonly queue: PoolTrack[];
	private queueIndex = 0;

	/** `genres`: the genres the text names, as the composer found them ("k-pop" names k-pop, not pop). */
	constructor(
		private readonly text: string,
		private readonly settings: ComposerSettings,
		private readonly random: () => number,
		private readonly wish: TrackWish = { genres: [] },
	) {
		this.queue = this.rankPool();
	}

	/**
	 * Pool order for this answer: tracks the request talks about first, each group shuffled. Like a model that knows
	 * the global hits best, it takes a named scene's parent genre for the scene too, unless the request says which
	 * language the songs must be sung in: then songs in any other language come last.
	 */
	private rankPool(): PoolTrack[] {
		const words = new Set(this.text.split(' '));
		const named = new Set(this.wish.genres.map(normalize));
		for (const genre of this.wish.genres) {
			const parent = this.settings.parents[genre];
			if (parent !== undefined && this.wish.sungIn === undefined) named.add(normalize(parent));
		}
		const offLanguage = (t: PoolTrack) =>
			this.wish.sungIn !== undefined && (t.language ?? 'english') !== this.wish.sungIn;
		const said = (phrase: string) => phrase.length > 0 && ` ${this.text} `.includes(` ${phrase} `);
		const score = (t: PoolTrack): number => {
			const text = poolText(t);
			return (
				(named.has(text.genre) ? 3 : text.genreWords.some((w) => words.has(w)) ? 1 : 0) +
				(said(text.artist) ? 2 : 0) +
				(said(text.title) ? 2 : 0) -
				(offLanguage(t) ? 6 : 0)
			);
		};
		const scored = shuffle(this.settings.tracks, this.random).map((track) => ({ track, score: score(track) }));
		return scored.sort((a, b) => b.score - a.score).map((s) => s.track);
	}

	nextTrack(): PickedTrack {
		const roll = this.random();
		const pool = this.nextPoolTrack();
		let picked: PickedTrack;
		if (pool === undefined || roll < this.settings.hallucinationRate) picked = this.madeUp();
		else if (roll < this.settings.hallucinationRate + this.settings.variantRate) picked = this.variant(pool);
		else picked = { title: pool.title, artist: pool.artist, source: 'pool', poolTrack: pool };
		if (picked.source === 'made-up' && pool !== undefined) this.queueIndex--;
		this.picked.push(picked);
		return picked;
	}

	/** Next pool track, without repeats until the pool is used up. */
	private nextPoolTrack(): PoolTrack | undefined {
		if (this.queue.length === 0) return undefined;
		if (this.queueIndex >= this.queue.length) this.queueIndex = 0;
		return this.queue[this.queueIndex++];
	}

	private madeUp(): PickedTrack {
		const pick = <T>(list: T[]): T => list[Math.floor(this.random() * list.length)] as T;
		const { tracks } = this.settings;
		const known = poolTitles.get(tracks) ?? new Set(tracks.map((t) => poolText(t).title));
		poolTitles.set(tracks, known);
		let title = '';
		do {
			title = `${pick(FAKE_ADJECTIVES)} ${pick(FAKE_NOUNS)} ${1000 + Math.floor(this.random() * 9000)}`;
		} while (known.has(normalize(title)));
		return { title, artist: pick(FAKE_ARTISTS), source: 'made-up' };
	}

	/** A pool track written as models often write it, to exercise the bot's normalization. */
	private variant(track: PoolTrack): PickedTrack {
		const stripped = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '');
		const kinds = ['lower', 'accents', 'feat', 'remaster'];
		const kind = kinds[Math.floor(this.random() * kinds.length)];
		let { title, artist } = track;
		if (kind === 'lower' && (title.toLowerCase() !== title || artist.toLowerCase() !== artist)) {
			[title, artist] = [title.toLowerCase(), artist.toLowerCase()];
		} else if (kind === 'accents' && stripped(title + artist) !== title + artist) {
			[title, artist] = [stripped(title), stripped(artist)];
		} else if (kind === 'feat') {
			title = `${title} (feat. ${FEATURED[Math.floor(this.random() * FEATURED.length)] ?? 'Someone'})`;
		} else {
			title = `${title} - Remastered 2011`;
		}
		return { title, artist, source: 'variant', poolTrack: track };
	}
}
