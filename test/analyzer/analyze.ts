import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { getOrmAnalysis } from '../../src/analyzer/index.js';

export interface Seen {
  /** Source text of the recognised call. */
  readonly call: string;
  readonly orm: string;
  readonly operation: string;
  readonly evidence: string;
  readonly execution: string;
  readonly model: string | undefined;
  readonly method: string;
  /** Innermost iteration kind repeating the call, if any. */
  readonly loop: string | undefined;
}

/** Runs the analyzer over `code` through a probe rule and returns every call it recognised. */
export function analyze(code: string, options: { filename?: string; settings?: Record<string, unknown> } = {}): Seen[] {
  const seen: Seen[] = [];
  const probe: TSESLint.RuleModule<string> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const orm = getOrmAnalysis(context);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const q = orm.queryAt(node);
          if (!q) return;
          seen.push({
            call: context.sourceCode.getText(node),
            orm: q.orm,
            operation: q.operation,
            evidence: q.evidence,
            execution: q.execution,
            model: q.model,
            method: q.method,
            loop: orm.iterations(node)[0]?.kind,
          });
        },
      };
    },
  };
  const filename = options.filename ?? 'file.ts';
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        ...(filename.endsWith('.ts') && { languageOptions: { parser: tsParser } }),
        plugins: { probe: { rules: { probe: probe as never } } },
        settings: options.settings ?? {},
        rules: { 'probe/probe': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  return seen;
}
