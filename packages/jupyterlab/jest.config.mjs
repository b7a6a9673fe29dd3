import { jestConfig } from '../../scripts/jest-preset.mjs';

// The built labextension carries a copy of package.json; keep it out of Jest's module map.
export default jestConfig({ modulePathIgnorePatterns: ['<rootDir>/vobridge_jupyterlab/'] });
