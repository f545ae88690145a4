import type { ButtonHandler, ModalHandler, SelectHandler } from '../interactions/interactionTypes.js';
import { addToPlaylistButton } from './addToPlaylist.js';
import { deleteMyDataButton } from './deleteMyData.js';
import { refineButton, refineModal } from './refine.js';
import { regenerateButton } from './regenerate.js';
import { removeSelect } from './remove.js';
import { saveButton } from './save.js';
import { versionButton } from './version.js';
import { whyButton } from './why.js';

/** The one list of buttons, routed by the prefix of their custom id. */
export const BUTTONS: ButtonHandler[] = [
	saveButton,
	regenerateButton,
	refineButton,
	whyButton,
	versionButton,
	deleteMyDataButton,
	addToPlaylistButton,
];

export const SELECTS: SelectHandler[] = [removeSelect];

export const MODALS: ModalHandler[] = [refineModal];
