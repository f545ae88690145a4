import type { Audience, Framing, Texts } from './errorKind.js';
import { ERROR_KINDS } from './errorKinds.js';

/** What `audience` is told about `error`, framed for its surface, or null when only a generic line fits. */
export function findErrorText<A extends Audience>(error: unknown, audience: A, framing: Framing): Texts[A] | null {
	return ERROR_KINDS.find((kind) => kind.handles(error, audience))?.describe(error, audience, framing) ?? null;
}
