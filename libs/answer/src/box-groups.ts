import { scanBoxes, type Box } from './scan-boxes';

/** Boxes that state one answer together, with the text span they cover. */
export interface BoxGroup {
  /** Index where the first box starts. */
  start: number;
  /** Index of the closing brace of the last box. */
  end: number;
  /** The contents of the group's boxes, nested boxes unwrapped, joined by ", ". */
  answer: string;
}

// What may stand between two boxes of one answer: spacing, math delimiters, commas and semicolons,
// "and" / "or" (bare or in \text{}), and a variable with "=" ("$x = \boxed{1}$ or $x = \boxed{2}$").
const JOINER = /\s+|\$|\\[()[\]]|[,;&~]|\\\\|\\q?quad(?![A-Za-z])|\\[ ,;:!]|and\b|or\b|\\text\s*\{[\s,]*(?:and|or)?[\s,]*\}|[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?\s*=/y;

/**
 * The non-blank top-level boxes of `text` (a box inside another box is part of its content),
 * grouped: consecutive boxes separated only by joiners form one group. In text order.
 */
export function boxGroups(text: string): BoxGroup[] {
  const groups: BoxGroup[] = [];
  let previous: Box | undefined;
  for (const top of outermost(scanBoxes(text))) {
    const answer = contentOf(text, top);
    if (answer === '') continue;
    const group = groups.at(-1);
    if (group && previous && joins(text.slice(previous.end + 1, top.box.start))) {
      group.answer += `, ${answer}`;
      group.end = top.box.end;
    } else {
      groups.push({ start: top.box.start, end: top.box.end, answer });
    }
    previous = top.box;
  }
  return groups;
}

type TopBox = { box: Box; inner: Box[] };

/** Closed boxes either nest or are disjoint, so in start order each one is inside the last top box or starts a new one. */
function outermost(boxes: Box[]): TopBox[] {
  const tops: TopBox[] = [];
  for (const box of [...boxes].sort((x, y) => x.start - y.start)) {
    const top = tops.at(-1);
    if (top && box.start < top.box.end) top.inner.push(box);
    else tops.push({ box, inner: [] });
  }
  return tops;
}

/** The box content with the commands and closing braces of the boxes inside it cut out. */
function contentOf(text: string, { box, inner }: TopBox): string {
  const cuts = inner.flatMap((b): [number, number][] => [[b.start, b.open], [b.end, b.end + 1]]).sort((x, y) => x[0] - y[0]);
  let out = '';
  let from = box.open;
  for (const [cutStart, cutEnd] of cuts) {
    out += text.slice(from, cutStart);
    from = cutEnd;
  }
  return (out + text.slice(from, box.end)).trim();
}

function joins(gap: string): boolean {
  for (let i = 0; i < gap.length; ) {
    JOINER.lastIndex = i;
    const m = JOINER.exec(gap);
    if (!m) return false;
    i += m[0].length;
  }
  return true;
}
