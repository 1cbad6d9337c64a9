/**
 * A small element builder. Text always goes in as text nodes, never as HTML: everything the pane
 * shows from a workbook is untrusted (a respondent could type markup into any cell).
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

interface Props {
  class?: string;
  id?: string;
  /** Attributes by name, e.g. `{ 'aria-describedby': 'x', tabindex: '-1' }`. */
  attrs?: Record<string, string>;
  /** `data-*` values, by name without the prefix. */
  data?: Record<string, string>;
  onClick?: (event: Event) => void;
  type?: string;
  open?: boolean;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.type) el.setAttribute('type', props.type);
  if (props.open) el.setAttribute('open', '');
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  for (const [k, v] of Object.entries(props.data ?? {})) el.dataset[k] = v;
  if (props.onClick) el.addEventListener('click', props.onClick);
  el.append(...nodes(children));
  return el;
}

/** Children as nodes: arrays flattened, empty values dropped, text as text nodes. */
function nodes(children: readonly Child[]): Node[] {
  return children.flatMap((c): Node[] => {
    if (c === null || c === undefined || c === false) return [];
    if (Array.isArray(c)) return nodes(c as readonly Child[]);
    return [c instanceof Node ? c : document.createTextNode(String(c))];
  });
}

/** The element with this id; a missing one is a bug in the page, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The task pane is missing #${id}.`);
  return el as T;
}

/** Replaces a container's content and moves focus to its first heading, for screen readers. */
export function show(container: HTMLElement, ...children: Child[]): void {
  container.replaceChildren(...nodes(children));
  const heading = container.querySelector<HTMLElement>('h3, [data-focus]');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
