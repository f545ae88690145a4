import type { GenreSpec } from './genres.js';

// Local scenes: artists who sing in one language and release first in one country, as Spotify tags them ("rap
// français", "filmi"). Each names the global genre a model confuses it with (`parent`), the words a request may use
// for it (`aliases`), and its home market; some of its releases are not available outside the home markets.

export interface SceneSpec extends GenreSpec {
	language: string;
	/** The home market (ISO country code), where every release of the scene is available. */
	market: string;
	/** Markets where the scene's local-only releases are also available. */
	nearby: string[];
	/** The global genre a request for the scene is easily mistaken for. */
	parent: string;
	aliases: string[];
	artistNames: string[];
}

// name | language | market | nearby | parent | years | seconds | moods
const SCENE_TABLE = `
rap français   | french     | FR | BE CH CA | hip-hop   | 2005-2025 | 150-250 | energetic dark upbeat
chanson        | french     | FR | BE CH CA | indie     | 1955-2025 | 150-260 | romantic sad calm happy
j-pop          | japanese   | JP | TW       | pop       | 2000-2025 | 180-280 | upbeat happy romantic energetic
city pop       | japanese   | JP | TW       | synthwave | 1977-1990 | 200-320 | chill romantic happy upbeat
filmi          | hindi      | IN | NP       | pop       | 1990-2025 | 200-330 | romantic happy sad energetic
musica mexicana| spanish    | MX | US       | country   | 1990-2025 | 150-240 | happy sad romantic energetic
k-ballad       | korean     | KR | JP       | r&b       | 2005-2025 | 200-290 | sad romantic calm
mpb            | portuguese | BR | PT       | jazz      | 1965-2025 | 180-300 | chill romantic happy calm
deutschrap     | german     | DE | AT CH    | hip-hop   | 2000-2025 | 150-250 | energetic dark upbeat
italian pop    | italian    | IT | CH       | pop       | 1980-2025 | 180-260 | romantic happy sad upbeat
`;

// Per scene: aliases / artist names / titles (made up; none is meant to be a real artist or song).
const SCENE_WORDS: Record<string, string[]> = {
	'rap français': [
		'rap francais',
		'Djaz 93|Le Sensei|Nessa K|Tonio Lacour|Bakari|Yanis V|Kheops Nord|La Meute|Sami Rivière|Oumar D|Lila Fauve|Rachid Sud',
		'Dans la Zone|Validé|La Rue|Mon Quartier|Pas le Temps|Tout Seul|Nuit Blanche|Bénef|La Hess|Déter|Grand Paris|Charbon',
	],
	chanson: [
		'chanson française|chanson francaise',
		'Camille Aubert|Éloïse Marchand|Jacques Vernier|Margaux Delorme|Lucien Favre|Odile Perrin|Bastien Roux|Solange Duval|Henri Caron|Manon Lefèvre|Gaspard Noël|Adèle Morin',
		"La Vie en Bleu|Mon Amour|Je Reviendrai|Le Café du Port|Chanson d'Automne|Les Quais|Ne Pars Pas|Paris, la Nuit|Mademoiselle|Le Temps Qui Passe|Mes Souvenirs|Les Lilas",
	],
	'j-pop': [
		'jpop',
		'Yuki Harada|Aoi Mizuno|HIKARI|Sakura Tanaka|Mirei|Haruto Sato|Rina Kobayashi|SORA|Mei Fujii|Daichi|Natsumi Endo|Kaito & Yui',
		'夏の恋 (Natsu no Koi)|さくら色 (Sakura Iro)|君の名前 (Kimi no Namae)|青い空 (Aoi Sora)|夢の続き (Yume no Tsuzuki)|ありがとう (Arigatou)|Tokyo Heartbeat|星降る夜 (Hoshi Furu Yoru)|はじまり (Hajimari)|キラキラ (Kira Kira)|約束 (Yakusoku)|虹 (Niji)',
	],
	'city pop': [
		'japanese city pop',
		'Mariko Kaze|Tatsuo Yamane|Junko Hoshi|Anri Kitagawa|Taeko Ono|Hiroshi Yuuhi|Miki Aoyama|Kenji Ohara|Yumi Tsukino|Toshiki Kawa|Minako Sora|Eri Natsume',
		'Plastic Lovers|真夜中のドア (Mayonaka no Door)|Summer Breeze Drive|Sunset Highway 246|Ocean Side Lovers|Tokyo Neon Boulevard|夜明けのTelephone|Weekend Shuffle|恋のRemember|Sunday Marina|Glass City|Pacific Mood',
	],
	filmi: [
		'bollywood|hindi film',
		'Riya Sharma|Vikram Desai|Ananya Iyer|Kabir Malhotra|Shreya Nair|Aditya Rao|Meera Joshi|Rohan Verma|Ishita Sen|Sameer Qureshi|Tara Bhatt|Nikhil Menon',
		'Dil Ki Baatein|Tere Bina Jiya|Ishq Wala Safar|Saawan Aaya|Mera Pyaar|Nachle Aaj|Chand Sitare|Yaara Ve|Dhadkan Teri|Raat Ki Rani|Khwabon Ki Gali|Baarish Mein Tum',
	],
	'musica mexicana': [
		'regional mexican|mexican music|corridos',
		'Los Compas del Norte|Chuy Villarreal|Grupo Sierra Alta|Mariana Ibarra|Los Primos de Sinaloa|Banda La Herradura|Toño Cárdenas|Corridos Verdes|Lupita Zamora|Los Hermanos Arce|Rancho Viejo|Fermín Quintero',
		"El Corrido del Güero|Mi Troca Negra|Puro Sinaloa|La Sierra Llora|Te Fuiste, Chula|Cantina del Pueblo|Amor de Rancho|El Compa Ramón|Botas y Sombrero|Tequila y Luna|Pa'l Norte|Corazón Norteño",
	],
	'k-ballad': [
		'k-pop ballads|k-pop ballad|korean ballads|k-ballads',
		'Kim Ji-woo|Lee Seo-yeon|Park Min-jun|Choi Yu-na|Jung Ha-eun|Han So-ra|Yoon Do-hyun|Seo Eun-bi|Kang Ye-rim|Shin Hye-jin|Baek Seung-ho|Oh Da-in',
		"눈물 (Tears)|이별 후에 (After the Goodbye)|그대라서 (Because It's You)|첫눈 (First Snow)|보고 싶다 (I Miss You)|겨울 편지 (Winter Letter)|너의 계절 (Your Season)|기억해줘 (Remember Me)|우리의 밤 (Our Night)|비가 오면 (When It Rains)|안녕 (Goodbye)|사랑했다 (Loved You)",
	],
	mpb: [
		'musica popular brasileira|brazilian mpb',
		'Joana Ferraz|Caetano Lins|Beatriz Moraes|Tiago Nunes|Marisa Flor|Gilberto Sá|Luana Teixeira|Chico Batista|Elis Maranhão|Rafael Prado|Nara Campos|Jorge Amaral',
		'Saudade do Mar|Manhã de Domingo|Coração de Areia|Tarde em Copacabana|Luz do Sertão|Menina do Rio|Samba da Chuva|Beira-Mar|Flor de Maracujá|Noite Carioca|Olhos de Mel|Cais da Saudade',
	],
	deutschrap: [
		'deutsch rap|german rap',
		'Kalle Brecht|MC Rheinfeld|Jonas Kraft|Mo Kaya|Lexa Nord|Finn Wolff|Yusuf 44|Kira Stahl|Deniz B|Paula Graf|Enzo Hamburg|Ronny Ruhrpott',
		'Straßenlicht|Keine Zeit|Alles Gut|Mein Viertel|Kopf Hoch|Nachtschicht|Ehrenmann|Lass Mal|Auf Achse|Zu Viel|Berlin Grau|Kein Plan',
	],
	'italian pop': [
		'pop italiano',
		'Giulia Ferri|Marco Bellini|Chiara Conti|Luca Moretti|Francesca Gallo|Davide Russo|Sara Marino|Matteo Greco|Alessia Romano|Lorenzo Costa|Valentina Fontana|Andrea Ricci',
		"Amore Mio|Estate Italiana|Ti Penso Ancora|La Dolce Notte|Senza di Te|Ciao Bella|Sole e Mare|Vieni con Me|Cuore Leggero|Notte Romana|Un'Altra Volta|Parlami d'Amore",
	],
};

export const SCENES: SceneSpec[] = SCENE_TABLE.trim().split('\n').map(parseSceneRow);

function parseSceneRow(row: string): SceneSpec {
	const [name = '', language = '', market = '', nearby = '', parent = '', years = '', seconds = '', moods = ''] = row
		.split('|')
		.map((cell) => cell.trim());
	const [aliases = '', artists = '', titles = ''] = SCENE_WORDS[name] ?? [];
	const range = (text: string): [number, number] => {
		const [from = 0, to = from] = text.split('-').map(Number);
		return [from, to];
	};
	return {
		name,
		language,
		market,
		nearby: nearby.split(' '),
		parent,
		aliases: aliases.split('|'),
		artistNames: artists.split('|'),
		years: range(years),
		seconds: range(seconds),
		explicitRate: parent === 'hip-hop' ? 0.4 : 0.02,
		moods: moods.split(' ') as GenreSpec['moods'],
		artistStyles: [],
		titleStyle: 'scene',
		adjectives: [],
		nouns: titles.split('|'),
	};
}
