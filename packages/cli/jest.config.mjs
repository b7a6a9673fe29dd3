import { jestConfig } from '../../scripts/jest-preset.mjs';

// Two workers: the suites mostly wait on the child processes they drive
// (CLI, broker, platform sessions), so two files at a time halve the wall
// time without loading the machine much more.
export default jestConfig({ maxWorkers: 2 });
