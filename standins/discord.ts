// A Discord stand-in on 127.0.0.1: REST under /api/v10 and a JSON gateway on the same port, faithful enough that
// an unmodified discord.js Client logs in, receives interactions and answers them. Everything is recorded.
// A facade: the parts live in discord/ and share one object (server.ts) and one clock (clock.ts).

export { startDiscordStandin } from './discord/server.js';
export type {
	AllowedMentionsRecord,
	AttachmentInput,
	AutocompleteInput,
	CallbackBody,
	CommandInput,
	ComponentInput,
	DiscordStandin,
	DiscordStandinOptions,
	InteractionHandle,
	InteractionInput,
	MessageCommandInput,
	ModalSubmitInput,
	RecordedRequest,
	StandinMessage,
	StandinModal,
	TargetMessageInput,
	Violation,
} from './discord/types.js';
