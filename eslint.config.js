// Lints the plugin's own code: typescript-eslint (type-checked) on src and tests, and
// eslint-plugin-eslint-plugin's rule-authoring checks on rules and rule tests.
import { defineConfig } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/**', 'coverage/**', 'examples/**', 'test/orms/**', 'test/fixtures/**', 'docs/**', '**/node_modules/**'],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // scope-manager's DefinitionType is an enum of string literals; comparing with 'Variable' is intended.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/no-meta-schema-default': 'error',
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce) ' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='context'][property.name='options']", message: 'Read options from the second parameter of create().' },
      ],
    },
  },
  {
    files: ['test/rules/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
    rules: { 'eslint-plugin/require-test-error-positions': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '*.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
