// The corpus and examples checks pass when nothing is wrong; this proves they fail when something is:
// a plugin of deliberately broken rules, linted by the same harness.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rule } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { CorpusLinter, describeProblems, type PluginUnderTest } from './harness.js';

/** Reports every `findMany(…)` call; what it offers as a fix is chosen by `offer`. */
function findManyRule(offer: 'throws' | 'broken-fix' | 'noop-suggestion' | 'line-shifting-suggestion' | 'good-fix'): Rule.RuleModule {
  return {
    meta: { type: 'problem', fixable: 'code', hasSuggestions: true, messages: { found: 'found `findMany`.', onLine: 'found `findMany` on line {{line}}.', fixIt: 'Rename it.' }, schema: [] },
    create(context) {
      return {
        CallExpression(node) {
          if (node.callee.type !== 'MemberExpression' || node.callee.property.type !== 'Identifier' || node.callee.property.name !== 'findMany') return;
          if (offer === 'throws') throw new TypeError('cannot read properties of undefined');
          const property = node.callee.property;
          if (offer === 'broken-fix') context.report({ node, messageId: 'found', fix: (fixer) => fixer.replaceText(property, 'findMany(') });
          if (offer === 'noop-suggestion') context.report({ node, messageId: 'found', suggest: [{ messageId: 'fixIt', fix: (fixer) => fixer.insertTextAfter(node, ' ') }] });
          if (offer === 'line-shifting-suggestion') {
            const data = { line: String(node.loc?.start.line) };
            context.report({ node, messageId: 'onLine', data, suggest: [{ messageId: 'fixIt', fix: (fixer) => fixer.insertTextBeforeRange([0, 0], '\n') }] });
          }
          if (offer === 'good-fix') context.report({ node, messageId: 'found', fix: (fixer) => fixer.replaceText(property, 'findAll') });
        },
      };
    },
  };
}

function pluginOf(rules: Record<string, Rule.RuleModule>): PluginUnderTest {
  const self: { rules: typeof rules; configs: { all: unknown } } = { rules, configs: { all: undefined } };
  self.configs.all = { plugins: { orm: self }, rules: Object.fromEntries(Object.keys(rules).map((name) => [`orm/${name}`, 'error'])) };
  return self;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'orm-harness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'app.ts');
writeFileSync(file, 'export async function f(db: any) {\n  return db.user.findMany();\n}\n');

describe('corpus harness', () => {
  it('reports a rule that throws, naming the rule', async () => {
    const report = await new CorpusLinter(dir, pluginOf({ crashing: findManyRule('throws') })).check(file);
    expect(describeProblems(report.problems, 'exception')).toMatch(/orm\/crashing/);
  });

  it('reports a fix whose output does not parse, with the parse error', async () => {
    const report = await new CorpusLinter(dir, pluginOf({ 'broken-fix': findManyRule('broken-fix') })).check(file);
    expect(report.fixesChecked).toBe(1);
    expect(describeProblems(report.problems, 'unparsable-output')).toMatch(/orm\/broken-fix at 2:10, fix: .*expected/i);
  });

  it('reports a suggestion after which the same problem is still reported', async () => {
    const report = await new CorpusLinter(dir, pluginOf({ noop: findManyRule('noop-suggestion') })).check(file);
    expect(report.fixesChecked).toBe(1);
    expect(describeProblems(report.problems, 'reported-again')).toMatch(/orm\/noop at 2:10, suggestion 1 \(fixIt\)/);
  });

  it('recognises the same problem after a change that moves it to another line', async () => {
    const report = await new CorpusLinter(dir, pluginOf({ shift: findManyRule('line-shifting-suggestion') })).check(file);
    expect(describeProblems(report.problems, 'reported-again')).toMatch(/orm\/shift at 2:10, suggestion 1 \(fixIt\): "found `findMany` on line 2\."/);
  });

  it('accepts a fix that removes the problem and parses', async () => {
    const report = await new CorpusLinter(dir, pluginOf({ good: findManyRule('good-fix') })).check(file);
    expect(report).toEqual({ parseError: undefined, findings: 1, fixesChecked: 1, problems: [] });
  });

  it('leaves parse errors of the linted file to ESLint', async () => {
    const broken = path.join(dir, 'broken.ts');
    writeFileSync(broken, 'const = ;\n');
    const report = await new CorpusLinter(dir, pluginOf({ good: findManyRule('good-fix') })).check(broken);
    expect(report.parseError).toMatch(/^1:\d+ /);
    expect(report.problems).toEqual([]);
  });
});
