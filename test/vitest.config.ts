import { project } from '../vitest.project.ts';

export default project('test', ['**/*.test.ts']);
