/**
 * Type-checks runtime examples (❌ and the rule's rewrite) against the real ORM types installed in
 * test/orms: each example is compiled as `<orm>/<name>.ts` next to a `db.ts` that re-exports
 * `test/orms/db/<orm>.ts`, with the options of `test/orms/tsconfig.json` (strict, Bundler resolution).
 * One TypeScript program for every example, so the ORM declarations are read once.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { ORMS_DIR, type OrmName } from './harness.js';

export interface TypedExample {
  readonly orm: OrmName;
  readonly source: string;
}

/** Error messages per example (same order; empty when it type-checks). */
export function typeCheckExamples(examples: readonly TypedExample[]): string[][] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'orm-typecheck-'));
  try {
    symlinkSync(path.join(ORMS_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const files = examples.map((e, i) => {
      const ormDir = path.join(dir, e.orm);
      mkdirSync(ormDir, { recursive: true });
      writeFileSync(path.join(ormDir, 'db.ts'), `export * from ${JSON.stringify(path.join(ORMS_DIR, 'db', `${e.orm}.ts`))};\n`);
      const file = path.join(ormDir, `example-${i}.ts`);
      writeFileSync(file, e.source);
      return file;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      types: ['node'],
      typeRoots: [path.resolve(ORMS_DIR, '..', '..', 'node_modules', '@types'), path.join(ORMS_DIR, 'node_modules', '@types')],
    });
    return files.map((file) => {
      const sourceFile = program.getSourceFile(file);
      if (!sourceFile) return [`${file} is not in the program`];
      return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map((d) => {
        const where = d.file && d.start !== undefined ? `${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
        return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
