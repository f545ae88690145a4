// Word lists for artist names, titles and album names: a data table, long on purpose. Accents, symbols and odd
// capitalisation are deliberate, so the bot's matching and escaping meet realistic names.

function list(text: string): string[] {
	return text
		.split(/[|\n]/)
		.map((item) => item.trim())
		.filter(Boolean);
}

export const FIRST_NAMES =
	list(`Renée|José|Zoë|Chloé|Sinéad|Björn|Anaïs|Łukasz|Søren|Noémie|André|Mia|Lucas|Olivia|Marcus|Jade
	Theo|Nina|Ravi|Aiyana|Kai|Ella|Sam|Grace`);
export const LAST_NAMES =
	list(`Márquez|Okafor|Lindqvist|Dubois|Nakamura|O'Connor|Reyes|Schäfer|Novák|Walsh|Moreau|Haddad
	Kowalski|Fernández|Brooks|Carter|Hale|Ibáñez`);
export const MONONYMS = list(
	'Solène|Amaré|Zaïa|Rosalí|Kayé|Noé|Inès|Mirä|Dolorès|Léon|Aurélie|Beyoncé|Kæli|Jolie|Ziggy|Ayo|Luz|Ōra',
);
export const BAND_ADJECTIVES = list('Velvet|Paper|Silver|Crooked|Hollow|Wandering|Electric|Static|Lucky|Northern');
export const BAND_NOUNS = list('Owls|Foxes|Kites|Satellites|Ghosts|Lions|Machines|Comets|Strangers|Arrows');
export const DARK_NAMES =
	list(`Dräkkon|Ünholy Rite|Grimfrost|Nachtmahr|Skullcrusher|Vëlkor|Morbid Tide|Ashen Crown|Corpse Lantern
	Hellhammerz|Blodhgarm|Serpent Mass`);
export const CAPS_NAMES = list('NOVA|LUMI|ZENITH|AURORA|BLOOM|VIVID|ECLIPSE|STELLA|ORBIT|PRISM|(G)LOW|X:IN');
export const RAPPER_PREFIXES = list('Lil|Young|MC|Big|Lil’|Yung');
export const RAPPER_WORDS = list('Saint|Ca$h|Nova|Ghost|Tha Kid|Dre$|Blaze|Cicero|Ace|Kojo');
export const LOWER_NAMES =
	list(`sleepy fox|cloudwalker|kōhī beats|moss & mellow|tape deck kid|nightbloom|paper lantern|slow cat
	raindrop.wav|sunday morning|dreamy ghost|lofi owl`);
export const DJ_WORDS = list('Kaskade|Voltra|Sundown|Hexa|Mirage|Nyx|Tidal|Polar|Flux|Helios');
export const RETRO_ADJECTIVES = list('Neon|Chrome|Laser|VHS|Midnight|Turbo|Cyber|Magnetic');
export const RETRO_NOUNS = list('Driver|Horizon|Palms|Ghost|Runner|Tiger|Cassette|Mirage');
export const CITIES = list('Wien|Berlin|Praha|London|København|Kraków|Montréal|Leipzig');
export const ENSEMBLES = list('String Quartet|Trio|Quintet|Chamber Orchestra|Philharmonic|Ensemble');
export const PHRASES = list(`Don't Stop|Hold On|Say You'll Stay|Can't Sleep|One More Time|Let It Go|Run Away|Who We Are
	Hey, Stranger!|Yesterday's News|Where Did You Go?|Rock & Roll Heart|Too Late...|Ça va|Stay (Forever)|24/7
	Mr. Blue Sky-High|Ride or Die`);
export const SPANISH_TITLES =
	list(`Corazón Roto|Bailando en la Noche|Mi Niña|Fuego Lento|Dímelo|Sin Ti|La Última Canción
	Quédate|Bésame Otra Vez|Verano Azul|¿Dónde Estás?|Calor`);
export const KOREAN_TITLES = list(
	'사랑해 (Saranghae)|Butterfly Effect|Ddu-Du Love|별빛 (Starlight)|Pop! Pop!|Next Level Up|Firework|Hello, Future',
);
export const CLASSICAL_FORMS = list('Nocturne|Sonata|Symphony|Concerto|Prelude|Étude|Impromptu|Ballade');
export const CLASSICAL_KEYS = list('C Major|E-flat Major|D Minor|A Minor|F-sharp Minor|G Major|B-flat Major');
export const MOVEMENTS = list('I. Allegro con brio|II. Adagio|III. Scherzo: Presto|IV. Finale');
export const ALBUM_SUFFIXES = [' (Deluxe Edition)', ' (Expanded)', ' [Live]', ''];
export const REMASTER_YEARS = [2009, 2011, 2011, 2015, 2019];
