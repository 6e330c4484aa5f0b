import type { TSESLint } from '@typescript-eslint/utils';
import { typescriptParser } from './parser.js';
import { rules } from './rules/index.js';

const { name, version } = { name: 'eslint-plugin-orm', version: '0.1.0' };

type RuleLevel = 'error' | 'warn' | ['error', ...Record<string, unknown>[]];
type Preset = 'recommended' | 'strict' | 'all' | 'recommended-type-checked';

interface PluginShape {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<Preset, TSESLint.FlatConfig.Config>;
}

/** TypeScript files: the only ones a type-aware config may touch (a typed rule on `.js` aborts the run). */
const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

function presetRules(preset: Preset): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  for (const [ruleName, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs as { recommended?: 'recommended' | 'strict'; requiresTypeChecking?: boolean; strictOptions?: Record<string, unknown>[] } | undefined;
    const level = docs?.recommended;
    const typed = docs?.requiresTypeChecking === true;
    const enabled =
      preset === 'all' ||
      (preset === 'recommended' && level === 'recommended' && !typed) ||
      (preset === 'recommended-type-checked' && level === 'recommended') ||
      (preset === 'strict' && (level === 'recommended' || level === 'strict') && !typed);
    // `strict` and `all` also turn on the checks a rule keeps out of `recommended` (its `strictOptions`).
    if (enabled) out[`orm/${ruleName}`] = preset !== 'recommended' && preset !== 'recommended-type-checked' && docs?.strictOptions ? ['error', ...docs.strictOptions] : 'error';
  }
  return out;
}

const plugin: PluginShape = {
  meta: { name, version },
  rules,
  configs: {} as PluginShape['configs'],
};

const self = plugin as unknown as TSESLint.FlatConfig.Plugin;
for (const preset of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[preset] = { name: `orm/${preset}`, plugins: { orm: self }, rules: presetRules(preset) };
}
// The same rules with type information confirming (or rejecting) what syntax suggests: TypeScript
// files only, parsed with typescript-eslint's parser and its project service.
plugin.configs['recommended-type-checked'] = {
  name: 'orm/recommended-type-checked',
  files: TYPESCRIPT_FILES,
  plugins: { orm: self },
  languageOptions: { parser: typescriptParser, parserOptions: { projectService: true } },
  rules: presetRules('recommended-type-checked'),
};

export default plugin;
export { plugin as 'module.exports' };
