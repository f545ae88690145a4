import { songKey } from './normalize.js';
import type { Personalization } from './personalization.js';
import type { Track } from '../spotify/track.js';

// What a personal playlist must leave out: the extended playlist's tracks (by id and by song), and tracks in the
// listener's library when it is new to them, learned a batch at a time as candidates turn up.

export interface LeftOut {
	/** Checks `tracks` against the library (batched by savedAmong) and remembers the saved ones. */
	learn: (tracks: Track[]) => Promise<void>;
	isSaved: (track: Track) => boolean;
	inPlaylist: (track: Track) => boolean;
	/** Neither saved (as far as learned) nor in the extended playlist. */
	allows: (track: Track) => boolean;
}

export function createLeftOut(personal: Pick<Personalization, 'exclude' | 'savedAmong'>): LeftOut {
	const songOf = (track: Track) => songKey(track.name, track.artists[0] ?? '');
	const inPlaylist = new Set(personal.exclude.flatMap((track) => [track.id, songOf(track)]));
	const saved = new Set<string>();
	const isSaved = (track: Track) => saved.has(track.uri);
	const inList = (track: Track) => inPlaylist.has(track.id) || inPlaylist.has(songOf(track));
	return {
		async learn(tracks) {
			if (!personal.savedAmong || tracks.length === 0) return;
			for (const uri of await personal.savedAmong(tracks.map((track) => track.uri))) saved.add(uri);
		},
		isSaved,
		inPlaylist: inList,
		allows: (track) => !isSaved(track) && !inList(track),
	};
}

/** Keeps the candidates a new version of a personal playlist may take: checked now, as the library may have changed. */
export type CandidateFilter = <T extends Track>(tracks: T[]) => Promise<T[]>;

export function candidateFilter(personal: Pick<Personalization, 'exclude' | 'savedAmong'>): CandidateFilter {
	const leftOut = createLeftOut(personal);
	return async (tracks) => {
		await leftOut.learn(tracks);
		return tracks.filter(leftOut.allows);
	};
}
