// Types for scripts/corpus.mjs (used by the TypeScript tests).

export declare const repoRoot: string;
export declare function corpusRoot(): string;
export declare function installedPackages(root: string, specifiers: readonly string[]): { name: string; dir: string }[];
export interface CorpusFile {
  file: string;
  bytes: number;
  declaration: boolean;
}
export declare function packageFiles(dir: string): CorpusFile[];
export declare function samplePackage<T extends { file: string }>(files: T[], root: string, fraction: number): T[];
export declare function nearestPackageType(file: string, cache?: Map<string, 'module' | 'commonjs'>): 'module' | 'commonjs';
