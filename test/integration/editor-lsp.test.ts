// The editor path: `vscode-eslint-language-server` (the ESLint server that VS Code's extension,
// Neovim's lspconfig and other LSP clients run) over stdio, on a workspace configured with our preset.
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIntegrationSetup, makeWorkspace, prismaLoop, prismaLoopJs, readmeSnippet, toolsBin, typedWorkspace, type Workspace } from './helpers.js';
import { applyTextEdits, LspClient, type CodeAction, type Diagnostic, type WorkspaceEdit } from './lsp-client.js';

const DOCS_URL = 'https://github.com/eslint-plugin-orm/eslint-plugin-orm/blob/main/docs/rules/no-query-in-loop.md';

/** What an LSP client answers to the server's `workspace/configuration`: the README's settings. */
function serverSettings(workspaceUri: string): Record<string, unknown> {
  return { ...(JSON.parse(readmeSnippet('lsp-settings')) as Record<string, unknown>), workspaceFolder: { uri: workspaceUri, name: 'workspace' } };
}

interface EditorSession {
  workspace: Workspace;
  client: LspClient;
  /** Edits the server asked the editor to apply (`workspace/applyEdit`). */
  appliedEdits: WorkspaceEdit[];
  open: (relative: string, languageId: string, text: string) => string;
  change: (uri: string, text: string) => void;
  diagnostics: (uri: string) => Promise<Diagnostic[]>;
  close: () => Promise<void>;
}

/** A workspace with `files`, and the language server started and initialised on it as an editor does. */
async function startSession(files: Record<string, string>): Promise<EditorSession> {
  const workspace = makeWorkspace(files, ['eslint', 'eslint-plugin-orm', '@typescript-eslint/parser']);
  const workspaceUri = pathToFileURL(workspace.dir).href;
  const client = new LspClient(process.execPath, [toolsBin('vscode-eslint-language-server'), '--stdio'], workspace.dir);
  const appliedEdits: WorkspaceEdit[] = [];
  let version = 0;
  client.onRequest('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => serverSettings(workspaceUri)));
  client.onRequest('workspace/applyEdit', (params) => {
    appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
    return { applied: true };
  });
  await client.request('initialize', {
    processId: process.pid,
    rootUri: workspaceUri,
    workspaceFolders: [{ uri: workspaceUri, name: 'workspace' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true } },
      textDocument: {
        diagnostic: { dynamicRegistration: false },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
      },
    },
  });
  client.notify('initialized', {});
  return {
    workspace,
    client,
    appliedEdits,
    open(relative, languageId, text) {
      const uri = pathToFileURL(workspace.file(relative)).href;
      workspace.write(relative, text);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: ++version, text } });
      return uri;
    },
    change(uri, text) {
      client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    },
    async diagnostics(uri) {
      const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
      expect(report.kind).toBe('full');
      return report.items;
    },
    async close() {
      await client.close();
      workspace.remove();
    },
  };
}

describe('vscode-eslint-language-server with the recommended preset', () => {
  let session: EditorSession;
  let workspace: Workspace;
  let client: LspClient;
  let appliedEdits: WorkspaceEdit[];
  let open: EditorSession['open'];
  let diagnostics: EditorSession['diagnostics'];

  beforeAll(async () => {
    ensureIntegrationSetup();
    session = await startSession({
      'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      'eslint.config.js': readmeSnippet('eslint-config-recommended'),
    });
    ({ workspace, client, appliedEdits, open, diagnostics } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('reports the N+1 with its exact range, rule id and docs link', async () => {
    const uri = open('src/authors.ts', 'typescript', prismaLoop.source);
    const items = await diagnostics(uri);
    expect(items).toEqual([
      {
        message: prismaLoop.message,
        severity: 1,
        source: 'eslint',
        code: 'orm/no-query-in-loop',
        codeDescription: { href: DOCS_URL },
        // LSP is 0-based; ESLint's 1-based line 8, columns 26–82.
        range: { start: { line: prismaLoop.loc.line - 1, character: prismaLoop.loc.column - 1 }, end: { line: prismaLoop.loc.endLine - 1, character: prismaLoop.loc.endColumn - 1 } },
      },
    ]);
  });

  it('offers the suggestion as a quick fix whose edit produces the batched lookup', async () => {
    const uri = pathToFileURL(workspace.file('src/authors.ts')).href;
    const items = await diagnostics(uri);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: items[0]!.range,
      context: { diagnostics: items, only: ['quickfix'] },
    });
    expect(actions.map((a) => a.title)).toEqual([
      `${prismaLoop.suggestion} (orm/no-query-in-loop)`,
      'Disable orm/no-query-in-loop for this line',
      'Disable orm/no-query-in-loop for the entire file',
      'Show documentation for orm/no-query-in-loop',
    ]);
    const suggestion = actions[0]!;
    expect(suggestion.kind).toBe('quickfix');
    expect(suggestion.command?.command).toBe('eslint.applySuggestion');

    // The editor runs the action's command; the server answers with workspace/applyEdit.
    appliedEdits.length = 0;
    await client.request('workspace/executeCommand', suggestion.command);
    expect(appliedEdits).toHaveLength(1);
    const change = appliedEdits[0]!.documentChanges?.[0];
    expect(change?.textDocument.uri).toBe(uri);
    const fixed = applyTextEdits(prismaLoop.source, change!.edits);
    expect(fixed).toBe(prismaLoop.fixed);

    // On-type linting of the edited buffer: the N+1 is gone.
    session.change(uri, fixed);
    expect(await diagnostics(uri)).toEqual([]);
  });

  it('re-lints unsaved edits as the user types', async () => {
    const clean = 'export const answer = 42;\n';
    const uri = open('src/typing.ts', 'typescript', clean);
    expect(await diagnostics(uri)).toEqual([]);
    session.change(uri, prismaLoop.source);
    const items = await diagnostics(uri);
    expect(items.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1])).toEqual([['orm/no-query-in-loop', 8, 26]]);
  });

  it('lints plain JavaScript files with ESLint’s default parser', async () => {
    const uri = open('src/authors.js', 'javascript', prismaLoopJs.source);
    const items = await diagnostics(uri);
    expect(items.map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1])).toEqual([
      ['orm/no-query-in-loop', prismaLoopJs.loc.line, prismaLoopJs.loc.column, prismaLoopJs.loc.endLine, prismaLoopJs.loc.endColumn],
    ]);
  });
});

describe('vscode-eslint-language-server with recommended-type-checked', () => {
  let session: EditorSession;

  beforeAll(async () => {
    ensureIntegrationSetup();
    session = await startSession({ ...typedWorkspace.files, 'eslint.config.js': readmeSnippet('eslint-config-recommended-type-checked') });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lints with types in the editor: the N+1 is reported, the look-alike is not', async () => {
    const authors = session.open('src/authors.ts', 'typescript', prismaLoop.source);
    expect((await session.diagnostics(authors)).map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1])).toEqual([['orm/no-query-in-loop', 8, 26]]);
    const lookAlike = session.open('src/cached-names.ts', 'typescript', typedWorkspace.files['src/cached-names.ts']);
    expect(await session.diagnostics(lookAlike)).toEqual([]);
  });
});
