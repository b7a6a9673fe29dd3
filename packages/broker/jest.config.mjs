import { jestConfig } from '../../scripts/jest-preset.mjs';

export default jestConfig();
