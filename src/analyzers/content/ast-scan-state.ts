/**
 * The state of one file's AST scan (js-scan.ts) and what its visits record: capabilities (line and
 * excerpt for the first sites of each kind only), module references, sensitive paths and endpoints
 * in literals, child_process bindings. A class rather than closures made per file, so V8 keeps its
 * methods' optimised code between files.
 */
import { MODULE_CAPS, findEndpoints, sensitivePath } from './catalog.js';
import type { AstNode } from './js-parse.js';
import type { FileScan, RawCap } from './scan-types.js';
import type { LineIndex } from './text-utils.js';
import { DecodeTaint } from './decode-taint.js';
import { literalString, memberPath } from './ast-utils.js';

function stripNode(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

export class AstScanState {
  readonly out: FileScan = { caps: [], endpoints: [], requires: [], obfuscation: [], hexIdents: 0 };
  /** Sites seen per capability kind (line and excerpt are computed only for the first ones: the ones published). */
  private readonly perKind = new Map<string, number>();
  readonly hexIds = new Set<string>();
  importsVm = false;
  /** Names bound to child_process (namespace) or to its functions (destructured). */
  readonly cpNames = new Set<string>();
  readonly taint = new DecodeTaint();

  /**
   * `callsFromCharCode`: the text names fromCharCode (char-code arrays are worth checking);
   * `mayHideInIdent`: an identifier may hold an invisible character.
   */
  constructor(
    readonly file: string,
    readonly lines: LineIndex,
    readonly callsFromCharCode: boolean,
    readonly mayHideInIdent: boolean,
  ) {}

  add(kind: RawCap['kind'], node: AstNode, detail?: string): void {
    const n = (this.perKind.get(kind) ?? 0) + 1;
    this.perKind.set(kind, n);
    const show = n <= 4;
    this.out.caps.push({
      kind,
      offset: node.start,
      end: node.end,
      line: show ? this.lines.line(node.start) : 0,
      excerpt: show ? this.lines.excerpt(node.start) : '',
      detail,
    });
  }

  bindCp(id: AstNode | undefined): void {
    if (id?.type === 'Identifier') this.cpNames.add(id.name);
    if (id?.type === 'ObjectPattern') for (const p of id.properties) if (p.value?.type === 'Identifier') this.cpNames.add(p.value.name);
  }

  isCpSource(n: AstNode | undefined): boolean {
    const spec = n?.type === 'CallExpression' && memberPath(n.callee) === 'require' ? literalString(n.arguments[0]) : undefined;
    return spec === 'child_process' || spec === 'node:child_process';
  }

  moduleRef(spec: string, node: AstNode): void {
    if (spec.startsWith('.') || spec.startsWith('/')) this.out.requires.push(spec);
    if (spec.endsWith('.node')) return this.add('native-addon', node, spec);
    const cap = MODULE_CAPS.get(stripNode(spec));
    if (cap === 'vm') this.importsVm = true;
    if (cap) this.add(cap, node, stripNode(spec));
  }

  literal(value: string, node: AstNode): void {
    if (value.length >= 4) {
      const s = sensitivePath(value);
      // A public key (`id_ed25519.pub`) is not a credential.
      // The ~/.ssh folder alone is where public keys are listed too; only private key names are theft.
      if (s && !(s.category === 'ssh' && /\.pub\b/i.test(value)))
        this.add(
          'fs-sensitive',
          node,
          `${s.label} (${s.category === 'ssh' && s.label === '~/.ssh' && !/id_(rsa|dsa|ecdsa|ed25519)|identity/i.test(value) ? 'ssh-folder' : s.category})`,
        );
      if (value.includes('.') && value.length < 4000) {
        for (const e of findEndpoints(value)) {
          this.out.endpoints.push({
            file: this.file,
            line: this.lines.line(node.start),
            excerpt: this.lines.excerpt(node.start),
            host: e.host,
            category: e.category,
            detail: e.host,
          });
        }
      }
    }
    this.taint.literal(value, node);
  }
}
