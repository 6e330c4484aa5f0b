import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const ruleNames = Object.keys(rules);

describe('plugin shape', () => {
  it('registers every rule file, alphabetically', () => {
    const files = fs
      .readdirSync(path.join(root, 'src/rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(ruleNames).toEqual(files);
    expect([...ruleNames].sort()).toEqual(ruleNames);
  });

  it('has meta.name and the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('builds presets from meta.docs.recommended', () => {
    const docs = (name: string) => (rules as Record<string, { meta: { docs?: { recommended?: string; strictOptions?: unknown[] } } }>)[name]!.meta.docs;
    const level = (name: string) => docs(name)?.recommended;
    // `strict` and `all` pass a rule's `strictOptions` (checks kept out of `recommended`).
    const expected = (pred: (name: string) => boolean, strict = false) =>
      Object.fromEntries(ruleNames.filter(pred).map((n) => [`orm/${n}`, strict && docs(n)?.strictOptions ? ['error', ...docs(n)!.strictOptions!] : 'error']));
    expect(plugin.configs.recommended.rules).toEqual(expected((n) => level(n) === 'recommended'));
    expect(plugin.configs.strict.rules).toEqual(expected((n) => level(n) === 'recommended' || level(n) === 'strict', true));
    expect(plugin.configs.all.rules).toEqual(expected(() => true, true));
    for (const [name, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`orm/${name}`);
      expect(config.plugins?.orm).toBe(plugin);
    }
  });
});

describe.each(ruleNames)('rule %s', (name) => {
  const rule = (rules as Record<string, (typeof rules)[keyof typeof rules]>)[name]!;
  const docPath = path.join(root, 'docs/rules', `${name}.md`);

  it('has a docs URL, a description in the Disallow/Require/Enforce form, and a described schema', () => {
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    expect(rule.meta.docs?.description).toMatch(/^(?:Disallow|Require|Enforce) [^.]+$/);
    const schema = rule.meta.schema as unknown as { properties?: Record<string, { description?: string }>; additionalProperties?: boolean }[];
    for (const entry of schema) {
      expect(entry.additionalProperties).toBe(false);
      for (const [option, spec] of Object.entries(entry.properties ?? {})) expect(spec.description, option).toBeTruthy();
    }
  });

  it('has a docs page whose ❌ examples report and ✅ examples do not', () => {
    const doc = fs.readFileSync(docPath, 'utf8');
    expect(doc).toContain('<!-- end auto-generated rule header -->');
    expect(doc).toContain('## Examples');
    const blocks = [...doc.matchAll(/```(ts|js)\n([\s\S]*?)```/g)];
    const judged = blocks.filter((b) => /^\/\/ (?:❌|✅)/.test(b[2]!));
    expect(judged.length).toBeGreaterThan(1);
    const linter = new Linter();
    for (const [, lang, code] of judged) {
      const bad = code!.startsWith('// ❌');
      const messages = linter.verify(
        code!,
        [{ files: ['**/*.ts', '**/*.js'], ...(lang === 'ts' && { languageOptions: { parser: tsParser } }), plugins: { orm: plugin as never }, rules: { [`orm/${name}`]: 'error' } }],
        lang === 'ts' ? 'example.ts' : 'example.js',
      );
      expect(messages.filter((m) => m.fatal), code).toEqual([]);
      const reported = messages.filter((m) => m.ruleId === `orm/${name}`);
      if (bad) expect(reported.length, `expected a report in:\n${code}`).toBeGreaterThan(0);
      else expect(reported, `expected no report in:\n${code}`).toEqual([]);
    }
  });
});
