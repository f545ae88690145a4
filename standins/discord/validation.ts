import { buildFormErrors, describeProblem, type FormProblem } from './formProblems.js';
import { json, type Reply } from './http.js';
import type { RouteContext, Route } from './routing.js';
import { validateSpecBody, type LoadedSpec } from './specSchema.js';
import type { AllowedMentionsRecord, RecordedRequest, Violation } from './types.js';

// Checks each request body against the spec and Discord's limits, answers bad ones like Discord does, and keeps
// what tests assert on: the violations and the allowed_mentions of every message the bot sent.

export class BodyValidator {
	readonly violations: Violation[] = [];
	readonly allowedMentions: AllowedMentionsRecord[] = [];

	constructor(private readonly spec: LoadedSpec) {}

	/** Spec schema + Discord limits; a failing body is answered like Discord and recorded as a violation. */
	check(route: Route, context: RouteContext): Reply | undefined {
		const { record, body } = context;
		if (body === undefined) return undefined;
		const message = route.rules?.messageOf(body);
		if (message)
			this.allowedMentions.push({
				method: record.method,
				path: record.path,
				interactionId: record.interactionId,
				allowedMentions: message.allowed_mentions,
			});
		const found = [
			...(validateSpecBody(this.spec, record.method, record.path, body) ?? []),
			...(route.rules?.limits(body) ?? []),
		];
		// The schema and the limit checks overlap (e.g. description length): report each problem once.
		const problems = [...new Map(found.map((problem) => [describeProblem(problem), problem])).values()];
		return problems.length > 0 ? this.reject(record, problems) : undefined;
	}

	reject(record: RecordedRequest, problems: FormProblem[]): Reply {
		this.violations.push({ method: record.method, path: record.path, problems: problems.map(describeProblem) });
		return json(400, { message: 'Invalid Form Body', code: 50035, errors: buildFormErrors(problems) });
	}
}
