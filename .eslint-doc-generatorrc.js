/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
    ['recommended-type-checked', '☑️'],
    ['all', '🌐'],
  ],
  ignoreConfig: ['all'],
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking', 'options'],
  ruleDocSectionInclude: ['Examples', 'When not to use it'],
  urlConfigs: 'https://github.com/eslint-plugin-orm/eslint-plugin-orm#presets',
};
