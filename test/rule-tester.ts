import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';

const here = path.dirname(fileURLToPath(import.meta.url));

/** TypeScript parser without a program: what most editors give. */
export const ruleTester = new RuleTester();

/** Full types from test/orms/fixtures/tsconfig.json, whose ORM packages are the real ones in test/orms. */
export const typedFixturesDir = path.join(here, 'orms', 'fixtures');
export const typedRuleTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typedFixturesDir } },
});

/** ESLint's default parser (espree) on `.js`: proves rules work without TypeScript. */
export const jsRuleTester = new RuleTester({
  languageOptions: { parser: undefined as never, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
});
