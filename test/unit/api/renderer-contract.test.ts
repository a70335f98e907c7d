/**
 * The renderer speaks the service's API through the contract only: it imports service types
 * from `electron/service/api/contract` alone (type-only), and declares no type of its own that
 * the contract already has — neither under the same name nor with the same fields under another
 * name (the drift this prevents: a renderer `ResolvedAsset` whose `asset` had become optional).
 * Read with the TypeScript compiler over the renderer's own tsconfig.
 */
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const CONTRACT = join(ROOT, 'electron', 'service', 'api', 'contract.ts');
const SERVICE = join(ROOT, 'electron', 'service');
const RENDERER = join(ROOT, 'renderer', 'src');

let program: ts.Program;
let checker: ts.TypeChecker;
let rendererFiles: ts.SourceFile[];

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.web.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.web.json could not be read');
  program = ts.createProgram({ rootNames: [...config.fileNames, CONTRACT], options: config.options });
  checker = program.getTypeChecker();
  rendererFiles = program.getSourceFiles().filter((file) => resolve(file.fileName).startsWith(RENDERER));
});

/** The contract's exported types, by name (re-exports resolved to their declarations). */
function contractTypes(): Map<string, ts.Type> {
  const module = checker.getSymbolAtLocation(program.getSourceFile(CONTRACT)!)!;
  const types = new Map<string, ts.Type>();
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) types.set(symbol.name, checker.getDeclaredTypeOfSymbol(target));
  }
  return types;
}

type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

function rendererTypeDeclarations(): Array<{ file: string; node: TypeDeclaration }> {
  const found: Array<{ file: string; node: TypeDeclaration }> = [];
  for (const file of rendererFiles) {
    const visit = (node: ts.Node) => {
      if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) found.push({ file: relative(ROOT, file.fileName), node });
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** An object type with enough members to mean something (shape comparisons of `{}` or one field say nothing). */
function isComparableObject(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Object) !== 0 && checker.getPropertiesOfType(type).length >= 2 && type.getCallSignatures().length === 0;
}

/** A type's property names, sorted: the same names is the same wire shape, even where a field's type drifted. */
function memberNames(type: ts.Type): string {
  return checker.getPropertiesOfType(type).map((p) => p.name).sort().join(', ');
}

describe('the renderer and the API contract', () => {
  it('imports service code only as types from electron/service/api/contract', () => {
    const wrong: string[] = [];
    for (const file of rendererFiles) {
      for (const statement of file.statements) {
        if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
        const specifier = statement.moduleSpecifier;
        if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
        const target = resolve(dirname(file.fileName), specifier.text);
        if (!target.startsWith(SERVICE)) continue;
        const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
        if (target !== CONTRACT.replace(/\.ts$/, '') || !typeOnly) wrong.push(`${relative(ROOT, file.fileName)}: ${statement.getText(file)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('declares no type the contract has, by name', () => {
    const names = contractTypes();
    const clashes = rendererTypeDeclarations().filter(({ node }) => names.has(node.name.text)).map(({ file, node }) => `${file}: ${node.name.text}`);
    expect(clashes).toEqual([]);
  });

  it('declares no type with the fields of a contract type under another name', () => {
    const contract = [...contractTypes()].filter(([, type]) => isComparableObject(type));
    const twins: string[] = [];
    for (const { file, node } of rendererTypeDeclarations()) {
      if (ts.isEnumDeclaration(node) || node.typeParameters) continue;
      const type = checker.getTypeAtLocation(node.name);
      if (!isComparableObject(type)) continue;
      const fields = memberNames(type);
      for (const [name, other] of contract) {
        if (memberNames(other) === fields) twins.push(`${file}: ${node.name.text} has the fields of ${name} (${fields})`);
      }
    }
    expect(twins).toEqual([]);
  });
});
