/**
 * Reading docx's formatted XML objects (`IXmlableObject`: `{ "w:p": [ {_attr}, child, … ] }`, the
 * shape the `xml` package writes), as the page plan and the fit check walk the document's body.
 */
import type { IXmlableObject } from 'docx';

/** One element: its name, attributes and child elements (text children as strings). */
export interface XmlNode {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string | number | boolean>>;
  readonly children: readonly (XmlNode | string)[];
}

/** The elements of a formatted object, in order (one object may hold several keys). */
export function nodesOf(value: unknown): XmlNode[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: XmlNode[] = [];
  for (const [name, content] of Object.entries(value as Record<string, unknown>)) {
    if (name === '_attr') continue;
    out.push(toNode(name, content));
  }
  return out;
}

/** An element while its content is read. */
interface NodeBeingRead {
  name: string;
  attrs: Record<string, string | number | boolean>;
  children: (XmlNode | string)[];
}

function toNode(name: string, content: unknown): XmlNode {
  const node: NodeBeingRead = { name, attrs: {}, children: [] };
  if (Array.isArray(content)) for (const item of content) take(node, item);
  else take(node, content);
  return node;
}

/**
 * One item of an element's content into the node being made. A function of the module, not a
 * closure made for each element: V8 keeps a function's optimised code only while one of its
 * closures lives (docs/performance.md, "Issue 24, session 11").
 */
function take(node: NodeBeingRead, item: unknown): void {
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
    node.children.push(String(item));
  } else if (item && typeof item === 'object') {
    // `{ _attr: {…} }` gives the element's attributes; any other key is a child element.
    const own = (item as { _attr?: Record<string, string | number | boolean> })._attr;
    if (own) node.attrs = { ...node.attrs, ...own };
    node.children.push(...nodesOf(item));
  }
}

/** The body's root element (`w:body`), or undefined. */
export function bodyNode(body: IXmlableObject): XmlNode | undefined {
  return nodesOf(body).find((n) => n.name === 'w:body');
}

export const elements = (node: XmlNode): XmlNode[] =>
  node.children.filter((c): c is XmlNode => typeof c !== 'string');

export const child = (node: XmlNode | undefined, name: string): XmlNode | undefined =>
  node ? elements(node).find((c) => c.name === name) : undefined;

export const attr = (node: XmlNode | undefined, name: string): string | undefined => {
  const v = node?.attrs[name];
  return v === undefined ? undefined : String(v);
};

/** A number attribute in twips (or eighths of a point, …), or undefined. */
export const numberAttr = (node: XmlNode | undefined, name: string): number | undefined => {
  const v = attr(node, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Whether an on/off property (`<w:b/>`, `<w:keepNext w:val="false"/>`) is on, or undefined when absent. */
export const onOff = (node: XmlNode | undefined, name: string): boolean | undefined => {
  const n = child(node, name);
  if (!n) return undefined;
  const v = attr(n, 'w:val');
  return !(v === 'false' || v === '0' || v === 'off');
};

/** The text of a node's string children (for `w:t`). */
export const textOf = (node: XmlNode): string =>
  node.children.filter((c): c is string => typeof c === 'string').join('');
