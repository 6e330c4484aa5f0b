/**
 * Lints a runtime example with one rule of the plugin (from `src/`, through ESLint's `Linter`) and
 * applies that rule's own fix or suggestion to it: the fixed code the runtime suite runs is what a
 * user gets from the editor, never a hand-written copy.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index.js';
import type { OrmName } from './harness.js';

export type LintMessage = Linter.LintMessage;

const linter = new Linter({ configType: 'flat' });

/**
 * The flat config an example is linted with: the TypeScript parser without type information (what
 * most editors give), the one rule under test, and `settings.orm.modules` naming the example's
 * `./db` module, the way a project tells the plugin where its clients come from.
 */
export function exampleConfig(rule: string, orm: OrmName, options?: Record<string, unknown>): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 2022 },
      plugins: { orm: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`orm/${rule}`]: options ? ['error', options] : 'error' },
      settings: { orm: { modules: { './db': orm } } },
    },
  ];
}

/** Every message for `source` (fatal parse errors included, with `fatal: true`). */
export function lintExample(rule: string, orm: OrmName, source: string, options?: Record<string, unknown>): LintMessage[] {
  return linter.verify(source, exampleConfig(rule, orm, options), { filename: 'example.ts' });
}

/** 1-based line of the first occurrence of `snippet` in `source` (the "marked" query of an example). */
export function lineOf(source: string, snippet: string): number {
  const at = source.indexOf(snippet);
  if (at === -1) throw new Error(`marker ${JSON.stringify(snippet)} is not in the example`);
  return source.slice(0, at).split('\n').length;
}

export type FixKind = 'fix' | 'suggestion';

/**
 * The rule's own rewrite of the reported code: its autofix when it has one, otherwise the first
 * suggestion. ESLint has already merged multi-part fixes into one range, so this is one splice.
 */
export function applyRuleFix(source: string, message: LintMessage): { output: string; kind: FixKind; description?: string } | undefined {
  if (message.fix) return { output: splice(source, message.fix), kind: 'fix' };
  const suggestion = message.suggestions?.[0];
  if (!suggestion) return undefined;
  return { output: splice(source, suggestion.fix), kind: 'suggestion', description: suggestion.desc };
}

function splice(source: string, fix: { range: [number, number]; text: string }): string {
  return source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
}
