import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { typedFixturesDir } from './rule-tester.js';

/**
 * Type errors of each code string, compiled together as modules beside the typed fixtures (so `./models`
 * and `../db/knex` resolve to the real ORM types). Proves that suggestion outputs type-check.
 */
export function typeErrors(codes: readonly string[]): string[][] {
  const config: unknown = ts.readConfigFile(path.join(typedFixturesDir, 'tsconfig.json'), (f) => ts.sys.readFile(f)).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, typedFixturesDir);
  const files = codes.map((_, i) => path.join(typedFixturesDir, `__output_${process.pid}_${i}.ts`));
  try {
    codes.forEach((code, i) => fs.writeFileSync(files[i]!, code));
    const program = ts.createProgram(files, { ...options, noUnusedLocals: false });
    return files.map((file) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    );
  } finally {
    for (const file of files) fs.rmSync(file, { force: true });
  }
}
