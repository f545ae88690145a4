// The faker draws from the same seeded generator as the catalog, so generated data is identical on every run.
export { mulberry32 } from '../catalog/random.js';
