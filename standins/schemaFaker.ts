// Generates values that satisfy a JSON schema (the subset zod 4's z.toJSONSchema() emits), so the Ollama stand-in can
// answer structured-output requests. Hooks let the caller steer values (pool tracks, genres) while the faker keeps
// every value valid: a hook's suggestion is used only when it fits the schema node.
// A facade: the parts live in schemaFaker/ (faker, resolver, primitives, fit, keywords).

export { fakeFromSchema } from './schemaFaker/faker.js';
export { fitString } from './schemaFaker/fit.js';
export { mulberry32 } from './schemaFaker/random.js';
export type { FakeNode, FakerHooks, FakerOptions, JsonSchemaObject, ResolvedNode } from './schemaFaker/types.js';
