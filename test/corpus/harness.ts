// Lints real code with every rule of the plugin and checks what the rules do to it: no exception, and
// every fix and every suggestion, applied one at a time, gives code that parses and that the same rule
// no longer reports. Used by the corpus test (ORM package sources) and the examples test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { nearestPackageType } from '../../scripts/corpus.mjs';
import plugin from '../../src/index.js';

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/** What the harness needs of a plugin: its rules, and a config enabling all of them under `orm/`. */
export interface PluginUnderTest {
  readonly rules: Record<string, unknown>;
  readonly configs: { readonly all: unknown };
}

/**
 * Every rule of the plugin, with the parsers users have: ESLint's default (espree) for JavaScript,
 * @typescript-eslint/parser for TypeScript. `.js` files are parsed as the nearest package.json says
 * Node runs them. Inline `eslint-disable` comments in the linted code are ignored, so third-party
 * code cannot switch our rules off.
 */
function configFor(jsSourceType: 'module' | 'commonjs', rulesPlugin: PluginUnderTest): Linter.Config[] {
  return [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    { files: JS_FILES, languageOptions: { ecmaVersion: 'latest', sourceType: jsSourceType } },
    { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { files: TS_FILES, languageOptions: { parser: tsParser } },
    { files: [...JS_FILES, ...TS_FILES], ...(rulesPlugin.configs.all as Linter.Config) },
  ];
}

export type ProblemKind = 'exception' | 'unparsable-output' | 'reported-again';

export interface Problem {
  readonly kind: ProblemKind;
  readonly file: string;
  /** What went wrong, with the rule, position and (for fixes) which fix. */
  readonly detail: string;
}

export interface FileReport {
  /** ESLint's own parse error for the original file: not ours, but the rules did not run. */
  readonly parseError: string | undefined;
  /** Problems reported by our rules. */
  readonly findings: number;
  /** Fixes and suggestions applied and checked. */
  readonly fixesChecked: number;
  readonly problems: readonly Problem[];
}

type Fix = NonNullable<Linter.LintMessage['fix']>;

/** One file's text with a single fix applied, the way ESLint applies it. */
function applyFix(text: string, fix: Fix): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/**
 * What makes two reports the same problem: rule, message id and text, with numbers blanked out, since
 * messages may cite lines (`already ran on line 12`) that a fix above them shifts.
 */
function problemKey(m: Linter.LintMessage): string {
  return `${m.ruleId ?? ''}\u0000${m.messageId ?? ''}\u0000${m.message.replace(/\d+/g, '#')}`;
}

function firstLines(text: string, n: number): string {
  return text.split('\n').slice(0, n).join('\n');
}

/** Text around `range` of `text`, for failure messages. */
function excerpt(text: string, range: readonly [number, number]): string {
  const start = Math.max(0, text.lastIndexOf('\n', Math.max(0, range[0] - 200)) + 1);
  const end = text.indexOf('\n', Math.min(text.length, range[1] + 200));
  return text.slice(start, end === -1 ? text.length : end);
}

export class CorpusLinter {
  private readonly byType: Record<'module' | 'commonjs', ESLint>;
  private readonly packageTypes = new Map<string, 'module' | 'commonjs'>();
  /** `orm/<name>` for every rule of the plugin: the problems whose fixes are checked. */
  private readonly ruleIds: ReadonlySet<string>;

  /** `cwd` must contain every file linted (flat config matches files relative to it). */
  constructor(
    readonly cwd: string,
    rulesPlugin: PluginUnderTest = plugin,
  ) {
    this.ruleIds = new Set(Object.keys(rulesPlugin.rules).map((name) => `orm/${name}`));
    const make = (type: 'module' | 'commonjs') =>
      new ESLint({ cwd, overrideConfigFile: true, overrideConfig: configFor(type, rulesPlugin), ignore: false });
    this.byType = { module: make('module'), commonjs: make('commonjs') };
  }

  private async lintText(file: string, text: string): Promise<Linter.LintMessage[]> {
    const eslint = this.byType[nearestPackageType(file, this.packageTypes)];
    const [result] = await eslint.lintText(text, { filePath: file });
    if (!result) throw new Error(`ESLint returned no result for ${file}`);
    const skipped = result.messages.find((m) => m.ruleId === null && /^(?:File ignored|No matching configuration)/.test(m.message));
    // A file ESLint skips would pass every check without our rules running on it.
    if (skipped) throw new Error(`ESLint did not lint ${file}: ${skipped.message}`);
    return result.messages;
  }

  /** Lints `file` with every rule, then applies and checks each fix and suggestion of our rules. */
  async check(file: string, text = readFileSync(file, 'utf8')): Promise<FileReport> {
    const rel = path.relative(this.cwd, file);
    let messages: Linter.LintMessage[];
    try {
      messages = await this.lintText(file, text);
    } catch (error) {
      return { parseError: undefined, findings: 0, fixesChecked: 0, problems: [{ kind: 'exception', file: rel, detail: firstLines(String((error as Error)?.stack ?? error), 8) }] };
    }
    const fatal = messages.find((m) => m.fatal);
    if (fatal) return { parseError: `${fatal.line}:${fatal.column} ${fatal.message}`, findings: 0, fixesChecked: 0, problems: [] };

    // ESLint strips a byte order mark before linting; fix ranges are relative to the text without it.
    const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const ours = messages.filter((m) => m.ruleId !== null && this.ruleIds.has(m.ruleId));
    const before = new Map<string, number>();
    for (const m of ours) before.set(problemKey(m), (before.get(problemKey(m)) ?? 0) + 1);
    const problems: Problem[] = [];
    let fixesChecked = 0;
    for (const m of ours) {
      const candidates: { label: string; fix: Fix }[] = [];
      if (m.fix) candidates.push({ label: 'fix', fix: m.fix });
      for (const [i, s] of (m.suggestions ?? []).entries()) candidates.push({ label: `suggestion ${i + 1} (${s.messageId ?? s.desc})`, fix: s.fix });
      for (const { label, fix } of candidates) {
        fixesChecked++;
        const where = `${m.ruleId} at ${m.line}:${m.column}, ${label}`;
        const output = applyFix(source, fix);
        let after: Linter.LintMessage[];
        try {
          after = await this.lintText(file, output);
        } catch (error) {
          problems.push({ kind: 'exception', file: rel, detail: `linting the output of ${where}: ${firstLines(String((error as Error)?.stack ?? error), 8)}` });
          continue;
        }
        const outputFatal = after.find((x) => x.fatal);
        if (outputFatal) {
          const at = [fix.range[0], fix.range[0] + fix.text.length] as const;
          problems.push({ kind: 'unparsable-output', file: rel, detail: `${where}: ${outputFatal.line}:${outputFatal.column} ${outputFatal.message}\n--- output near the change:\n${excerpt(output, at)}` });
          continue;
        }
        const key = problemKey(m);
        const remaining = after.filter((x) => problemKey(x) === key).length;
        if (remaining >= (before.get(key) ?? 0)) {
          problems.push({ kind: 'reported-again', file: rel, detail: `${where}: "${m.message}" is still reported after the change` });
        }
      }
    }
    return { parseError: undefined, findings: ours.length, fixesChecked, problems };
  }
}

/** Failure text listing problems of one kind, capped so a broken rule does not flood the output. */
export function describeProblems(problems: readonly Problem[], kind: ProblemKind, max = 20): string {
  const ofKind = problems.filter((p) => p.kind === kind);
  const shown = ofKind.slice(0, max).map((p) => `${p.file}: ${p.detail}`);
  if (ofKind.length > max) shown.push(`… and ${ofKind.length - max} more`);
  return shown.join('\n\n');
}
