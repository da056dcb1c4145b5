import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Values must reach SQL as {name:Type} parameters. This test reads every source file of the
 * collector and fails on a query call whose SQL is assembled in code (a template with ${…} or a
 * `+` concatenation). Named queries (`store.named`) take a QueryName, so the type checker holds them to the files in queries/.
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));
const SQL_CALLS = new Set(['query', 'command', 'queryAsync', 'queryBindAsync', 'exec']);

function findAssembledSql(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
      const [first] = node.arguments;
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (
        SQL_CALLS.has(name) &&
        first &&
        (ts.isTemplateExpression(first) || (ts.isBinaryExpression(first) && first.operatorToken.kind === ts.SyntaxKind.PlusToken))
      ) {
        problems.push(`${fileName}:${line}: SQL passed to ${name}() is assembled in code; bind values as {name:Type} parameters`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('SQL is never assembled from data', () => {
  it('finds no query built with ${…} or + anywhere in the collector', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => findAssembledSql(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('would catch a query built from request data', () => {
    const bad = 'store.query(`SELECT * FROM episodes WHERE Agent = \'${req.query.agent}\'`);\nstore.command("DROP TABLE " + name);';
    expect(findAssembledSql('bad.ts', bad)).toHaveLength(2);
  });
});
