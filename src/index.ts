import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';

const { name, version } = { name: 'eslint-plugin-orm', version: '0.1.0' };

type RuleLevel = 'error' | 'warn';
type Preset = 'recommended' | 'strict' | 'all';

interface PluginShape {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<Preset, TSESLint.FlatConfig.Config>;
}

function presetRules(preset: Preset): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  for (const [ruleName, rule] of Object.entries(rules)) {
    const level = rule.meta.docs?.recommended;
    if (preset === 'all' || level === 'recommended' || (preset === 'strict' && level === 'strict')) {
      out[`orm/${ruleName}`] = 'error';
    }
  }
  return out;
}

const plugin: PluginShape = {
  meta: { name, version },
  rules,
  configs: {} as PluginShape['configs'],
};

for (const preset of ['recommended', 'strict', 'all'] as const) {
  plugin.configs[preset] = {
    name: `orm/${preset}`,
    plugins: { orm: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: presetRules(preset),
  };
}

export default plugin;
export { plugin as 'module.exports' };
