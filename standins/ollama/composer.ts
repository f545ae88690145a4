import type { FakeNode, FakerHooks, ResolvedNode } from '../schemaFaker.js';
import { readArc, readGenres, readLanguage, readMinutes, readSungIn } from './readRequest.js';
import { capitalize, normalize, significantWords, spokenDecade } from './text.js';
import { TrackPicker, type ComposerSettings } from './trackPicker.js';
import type { PickedTrack } from './types.js';
import { leaveUnsaid } from './unsaid.js';

// Fills one answer's schema with content that fits the request: genres, mood, energy, decade, language, duration,
// arc and keywords read from the request text, and tracks from the TrackPicker (each tagged with a phase when the
// schema asks for one), consistent within the answer.

const GARBAGE_PREFIX = 'Sure! Here are some songs:';
const MOODS = ['happy', 'sad', 'chill', 'calm', 'energetic', 'romantic', 'melancholic', 'dark', 'upbeat', 'dreamy'];
const HIGH_ENERGY = ['workout', 'gym', 'run', 'running', 'party', 'dance', 'hype', 'energetic', 'upbeat', 'fast'];
const LOW_ENERGY = ['sleep', 'calm', 'chill', 'study', 'rainy', 'relax', 'relaxing', 'quiet', 'slow', 'sad', 'ambient'];

/** Builds one answer: decides which tracks, genres and words go where, consistently within the answer. */
export class Composer {
	private readonly text: string;
	private readonly tracks: TrackPicker;
	private readonly genreList: string[];
	private readonly matchedGenres: string[];
	private readonly keywords: string[];
	private readonly decade: number;
	private readonly arc: string[];
	private readonly instructions: string;

	/**
	 * `rawText` is what the answer reacts to (genres, mood, keywords); `instructions`, the whole request, is where a
	 * caller's own demands are read ("sung in French", "Suggest 14 more songs."), as a model follows them wherever
	 * they stand.
	 */
	constructor(
		rawText: string,
		private readonly settings: ComposerSettings,
		private readonly random: () => number,
		instructions: string = rawText,
	) {
		this.text = normalize(rawText);
		this.instructions = normalize(instructions);
		this.matchedGenres = readGenres(this.text, settings.genres, settings.aliases);
		const others = settings.genres.filter((g) => !this.matchedGenres.includes(g));
		this.genreList = [...this.matchedGenres, ...others];
		this.keywords = [...new Set(significantWords(rawText))].slice(0, 5);
		const sungIn = readSungIn(this.instructions);
		this.tracks = new TrackPicker(this.text, settings, random, { genres: this.matchedGenres, sungIn });
		this.decade = spokenDecade(this.text) ?? 1960 + 10 * Math.floor(random() * 6);
		this.arc = readArc(this.text, this.energy() === 'high');
	}

	/** Tracks named in this answer so far, in order. */
	get picked(): PickedTrack[] {
		return this.tracks.picked;
	}

	hooks(): FakerHooks {
		return {
			properties: (node) => this.trackProperties(node),
			arrayLength: (node) => this.arrayLength(node),
			value: (node) => this.value(node),
		};
	}

	/** Content for a request without a schema: a short plain sentence. */
	sentence(): string {
		const track = this.tracks.nextTrack();
		const genre = this.genreList[0];
		return genre === undefined
			? `Here is a playlist idea: "${track.title}" by ${track.artist}.`
			: `Here is a ${genre} playlist idea: start with "${track.title}" by ${track.artist}.`;
	}

	/** Chatty, non-JSON content, as a model ignoring the format would write. */
	garbage(): string {
		const lines = [1, 2, 3].map((n) => {
			const track = this.tracks.nextTrack();
			return `${n}. ${track.title} - ${track.artist}`;
		});
		this.tracks.picked.length = 0;
		return `${GARBAGE_PREFIX}\n${lines.join('\n')}`;
	}

	/** The language the request names or its scene implies ("j-pop"), else null, as the schema's "or null" asks. */
	private language(): string | null {
		const language = readLanguage(this.text, this.matchedGenres, this.settings.tracks);
		return language ? capitalize(language) : null;
	}

	/** The answer with what the request does not say left null (see unsaid.ts). */
	leaveUnsaid(value: unknown, schema: unknown): unknown {
		return leaveUnsaid(value, schema, this.text);
	}

	private isTrackObject(node: FakeNode): boolean {
		if (node.type !== 'object' || typeof node.schema.properties !== 'object' || node.schema.properties === null) {
			return false;
		}
		const props = node.schema.properties as Record<string, unknown>;
		const isString = (schema: unknown): boolean => schema !== undefined && node.resolve(schema).type === 'string';
		return isString(props.title) && isString(props.artist);
	}

	private trackProperties(node: FakeNode): Record<string, unknown> | undefined {
		if (!this.isTrackObject(node)) return undefined;
		const track = this.tracks.nextTrack();
		const genre = track.poolTrack?.genre ?? this.genreList[0];
		track.phase = this.phaseTag(node);
		return { title: track.title, artist: track.artist, genre, reason: this.reason(track), phase: track.phase };
	}

	/**
	 * A phase from the schema's own choices, when it asks for one: the first and last a quarter of the time each, the
	 * middle ones the rest, drawn at random, so the answer does not come sorted by phase.
	 */
	private phaseTag(node: FakeNode): string | undefined {
		const properties = node.schema.properties as Record<string, unknown>;
		if (properties.phase === undefined) return undefined;
		const choices = node.resolve(properties.phase).schema.enum;
		if (!Array.isArray(choices)) return undefined;
		const phases = choices.filter((choice): choice is string => typeof choice === 'string');
		const weights = phases.map((_, index) => (index === 0 || index === phases.length - 1 ? 1 : 2));
		let roll = this.random() * weights.reduce((sum, weight) => sum + weight, 0);
		return phases.find((_, index) => (roll -= weights[index] ?? 0) < 0) ?? phases.at(-1);
	}

	private arrayLength(node: FakeNode): number | undefined {
		const items: ResolvedNode = node.resolve(node.schema.items);
		if (items.type === 'object' && this.isTrackObject({ ...node, ...items })) return this.requestedCount();
		if (node.name === 'genres') return this.matchedGenres.length > 0 ? this.matchedGenres.length : 2;
		if (node.name === 'keywords') return Math.max(1, Math.min(4, this.keywords.length));
		if (node.name === 'phases') return this.arc.length;
		if (node.name === 'artists') return 3;
		return undefined;
	}

	/**
	 * "suggest 12", "12 tracks" → 12, the last such request in the instructions winning (the caller's own request
	 * comes after the user's words it quotes); otherwise 10. The faker clamps it to minItems/maxItems.
	 */
	private requestedCount(): number {
		const last = (pattern: RegExp) => [...this.instructions.matchAll(pattern)].at(-1)?.[1];
		const verb = last(/\b(?:suggest|give me|list|recommend|pick|find)\s+(?:me\s+)?(\d{1,3})\b/g);
		const noun = last(/\b(\d{1,3})\s+(?:more\s+|new\s+|other\s+)?(?:tracks?|songs?|suggestions?|titles?|tunes?)\b/g);
		const count = Number(verb ?? noun ?? 10);
		return count > 0 ? count : 10;
	}

	private value(node: FakeNode): unknown {
		const name = node.name?.toLowerCase();
		const index = node.index ?? 0;
		switch (name) {
			case 'genres':
			case 'genre':
				return this.genreList[name === 'genre' ? 0 : index];
			case 'keywords':
				return node.index === undefined ? undefined : this.keywords[index];
			case 'mood':
				return this.mood(node);
			case 'energy':
				return this.energy();
			case 'language':
				return this.language();
			case 'durationminutes':
				return readMinutes(this.text) ?? null;
			case 'phases':
				return this.arc[index];
			case 'from':
			case 'start':
				return this.decade;
			case 'to':
			case 'end':
				return this.decade + 9;
			case 'year':
				return this.decade + Math.floor(this.random() * 10);
			case 'artists':
				return this.tracks.queue[index]?.artist;
			case 'reason':
			case 'description':
				return `Picked for a ${this.genreList[0] ?? 'fitting'} mood.`;
			case 'title':
			case 'name':
				return [...this.keywords.slice(0, 2).map(capitalize), 'Mix'].join(' ');
			default:
				return undefined;
		}
	}

	private mood(node: FakeNode): string | undefined {
		const words = this.text.split(' ');
		const choices = Array.isArray(node.schema.enum) ? node.schema.enum.filter((c) => typeof c === 'string') : MOODS;
		const found = choices.find((c) => words.includes(normalize(c)));
		if (found !== undefined || Array.isArray(node.schema.enum)) return found;
		return MOODS[Math.floor(this.random() * MOODS.length)];
	}

	private energy(): string {
		const words = this.text.split(' ');
		if (words.some((w) => HIGH_ENERGY.includes(w))) return 'high';
		if (words.some((w) => LOW_ENERGY.includes(w))) return 'low';
		return 'medium';
	}

	/** About the 12 words the bot asks for, as a model writes them when told to. */
	private reason(track: PickedTrack): string {
		const genre = track.poolTrack?.genre ?? this.genreList[0] ?? 'hidden';
		const topic = this.keywords.slice(0, 2).join(' ');
		return topic.length > 0
			? `A ${genre} track whose sound and mood suit "${topic}" and this request.`
			: `A ${genre} track with the right sound and mood for this request.`;
	}
}
