import postcss, { type ChildNode, type Container } from 'postcss';

/**
 * A page's own part of the site stylesheet: the rules that can apply to the classes its HTML
 * holds, with every rule that names no class (the base styles, custom properties, `@property`,
 * keyframes). The site's stylesheet is written for every page, and a page uses about half of its
 * rules; the rest cost each page 1.8 kB on the wire, which is the difference between a document
 * that arrives in TCP's first window and one that needs a second round trip on a phone
 * (bench/pages/README.md). The whole stylesheet follows after the first paint
 * (lib/server/http/inline-page-styles.ts), for what scripts draw later and for client-side
 * navigations.
 *
 * Rules keep their order, so with the whole stylesheet after them the cascade is the whole
 * stylesheet's: every rule here is also there, later, with the same specificity.
 */

/** A rule kept when, for one of its selectors, every class it needs is on the page. */
type Part =
  | { kind: 'always'; text: string }
  | { kind: 'rule'; text: string; selectors: readonly (readonly string[])[] }
  | { kind: 'block'; open: string; close: string; parts: readonly Part[] };

export interface SplitStylesheet {
  readonly parts: readonly Part[];
}

/** Splits a (minified) stylesheet once into rules and the classes each selector needs. */
export function splitStylesheet(css: string): SplitStylesheet {
  return { parts: partsOf(postcss.parse(css)) };
}

function partsOf(container: Container<ChildNode>): Part[] {
  const parts: Part[] = [];
  for (const node of container.nodes ?? []) {
    if (node.type === 'rule') {
      const selectors = node.selectors.map(classesNeededBy);
      parts.push(selectors.some((needs) => needs.length === 0) ? { kind: 'always', text: node.toString() } : { kind: 'rule', text: node.toString(), selectors });
    } else if (node.type === 'atrule' && node.nodes?.some((child) => child.type === 'rule' || child.type === 'atrule') && !/keyframes$/i.test(node.name)) {
      const whole = node.toString();
      parts.push({ kind: 'block', open: whole.slice(0, whole.indexOf('{') + 1), close: '}', parts: partsOf(node) });
    } else if (node.type === 'atrule' && !node.nodes) {
      // A statement (`@layer components;`): its semicolon is the parent's to write, so it is added here.
      parts.push({ kind: 'always', text: `${node.toString()};` });
    } else if (node.type !== 'comment') {
      parts.push({ kind: 'always', text: node.toString() });
    }
  }
  return parts;
}

/**
 * The classes one selector needs on the page to match anything. A class inside `:not(…)`, or in
 * one branch of a list inside `:is(…)`, `:where(…)` or `:has(…)`, is not needed (the selector can
 * match without it), so such parentheses are left out; a single selector inside `:is`, `:where` or
 * `:has` is needed like any other. When unsure, a class is not needed: a rule kept for nothing
 * costs a few bytes, a rule left out would draw the page wrong until the whole stylesheet came.
 */
export function classesNeededBy(selector: string): string[] {
  const needed: string[] = [];
  const text = withoutOptionalParts(selector);
  for (const match of text.matchAll(/\.((?:\\[0-9a-fA-F]{1,6}[ \t\n\r\f]?|\\[^0-9a-fA-F\n\r\f]|[\w\u00a0-\uffff-])+)/g)) {
    needed.push(unescapeIdentifier(match[1]));
  }
  return needed;
}

/** The selector without the parenthesized parts whose classes a match does not need. */
function withoutOptionalParts(selector: string): string {
  let out = '';
  for (let i = 0; i < selector.length; i++) {
    const char = selector[i];
    if (char === '\\') {
      out += selector.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === '[') {
      // An attribute selector: a dot in its value (`[href$=".pdf"]`) is no class.
      i = closingBracket(selector, i);
      out += '[]';
      continue;
    }
    if (char !== '(') {
      out += char;
      continue;
    }
    const end = closingParenthesis(selector, i);
    const inside = selector.slice(i + 1, end);
    const pseudo = /:([\w-]+)$/.exec(out)?.[1]?.toLowerCase();
    const keep = (pseudo === 'is' || pseudo === 'where' || pseudo === 'has') && !hasTopLevelComma(inside);
    out += keep ? `(${withoutOptionalParts(inside)})` : '()';
    i = end;
  }
  return out;
}

function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

function closingBracket(text: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (quote) {
      if (text[i] === quote) quote = '';
    } else if (text[i] === '"' || text[i] === "'") quote = text[i];
    else if (text[i] === ']') return i;
  }
  return text.length;
}

function hasTopLevelComma(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) return true;
  }
  return false;
}

/** A CSS identifier as the class attribute writes it: `sm\:grid-cols-2` is `sm:grid-cols-2`. */
function unescapeIdentifier(escaped: string): string {
  return escaped.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^0-9a-fA-F\n\r\f]))/g, (_m, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (char ?? ''),
  );
}

/** The stylesheet with only the rules that can apply to a page holding these classes. */
export function stylesheetFor(split: SplitStylesheet, classes: ReadonlySet<string>): string {
  return render(split.parts, classes);
}

function render(parts: readonly Part[], classes: ReadonlySet<string>): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'always') out += part.text;
    else if (part.kind === 'rule') {
      if (part.selectors.some((needs) => needs.every((name) => classes.has(name)))) out += part.text;
    } else {
      const inner = render(part.parts, classes);
      if (inner) out += part.open + inner + part.close;
    }
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

/** Every class named in the HTML's `class` attributes, as the browser reads them. */
export function classesInHtml(html: string): Set<string> {
  const classes = new Set<string>();
  for (const match of html.matchAll(/\sclass=(?:"([^"]*)"|'([^']*)')/gi)) {
    const value = (match[1] ?? match[2]).replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (entity, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      if (dec) return String.fromCodePoint(Number.parseInt(dec, 10));
      return ENTITIES[name!.toLowerCase()] ?? entity;
    });
    for (const name of value.split(/[ \t\n\r\f]+/)) if (name) classes.add(name);
  }
  return classes;
}
