import type { ButtonHandler } from '../interactions/interactionTypes.js';
import { deleteMyDataButton } from './deleteMyData.js';
import { regenerateButton } from './regenerate.js';
import { saveButton } from './save.js';

/** The one list of buttons, routed by the prefix of their custom id. */
export const BUTTONS: ButtonHandler[] = [saveButton, regenerateButton, deleteMyDataButton];
