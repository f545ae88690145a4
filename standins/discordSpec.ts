// Request-body checks for the Discord stand-in: the OpenAPI schema (via ajv) plus the limits the spec leaves out.
// A facade: the checks live in discord/ (specSchema, messageLimits, commandLimits, formProblems).

export { checkCommandLimits } from './discord/commandLimits.js';
export { buildFormErrors, describeProblem, type FormProblem } from './discord/formProblems.js';
export { checkMessageLimits, flattenComponents } from './discord/messageLimits.js';
export {
	DEFAULT_DISCORD_SPEC_PATH,
	findSpecOperation,
	loadDiscordSpec,
	validateSpecBody,
} from './discord/specSchema.js';
