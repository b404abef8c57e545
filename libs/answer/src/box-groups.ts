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
const JOINER = /\s+|\$|\\[()[\]]|[,;&~]|\\\\|\\q?quad(?![A-Za-z])|\\[ ,;:!]|and\b|or\b|\\text\s*\{[\s,]*(?:(?:and|or)[\s,]*)?\}|[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?\s*=/y;

/**
 * The non-blank top-level boxes of `text` (a box inside another box is part of its content),
 * grouped: consecutive boxes separated only by joiners form one group. In text order.
 */
export function boxGroups(text: string): BoxGroup[] {
  const boxes = scanBoxes(text);
  const groups: BoxGroup[] = [];
  let previous: Box | undefined;
  let firstInside = 0;
  for (const index of outermost(boxes)) {
    const top = boxes[index];
    const answer = contentOf(text, boxes, firstInside, index);
    firstInside = index + 1;
    if (answer === '') continue;
    const group = groups.at(-1);
    if (group && previous && joins(text.slice(previous.end + 1, top.start))) {
      group.answer += `, ${answer}`;
      group.end = top.end;
    } else {
      groups.push({ start: top.start, end: top.end, answer });
    }
    previous = top;
  }
  return groups;
}

/**
 * The indexes of the boxes inside no other, in text order. Closed boxes either nest or are
 * disjoint, so in closing order the boxes inside a box are the run that closes just before it,
 * after the previous top box. From the last box back, a box that starts before the current top box
 * is the previous top box, any other is inside the current one: no sort, one pass.
 */
function outermost(boxes: Box[]): number[] {
  const tops: number[] = [];
  for (let top = boxes.length - 1; top >= 0; ) {
    tops.push(top);
    let k = top - 1;
    while (k >= 0 && boxes[k].start > boxes[top].start) k--;
    top = k;
  }
  return tops.reverse();
}

/** The content of `boxes[top]` with the commands and closing braces of the boxes inside it, boxes[firstInside .. top), cut out. */
function contentOf(text: string, boxes: Box[], firstInside: number, top: number): string {
  const box = boxes[top];
  if (firstInside === top) return text.slice(box.open, box.end).trim();
  // Indexed by position in the content: where a cut starts, the index after it. A table rather than
  // a sort of the cuts, which come in closing order, not text order.
  const cutEnd = new Int32Array(box.end - box.open);
  for (const b of boxes.slice(firstInside, top)) {
    cutEnd[b.start - box.open] = b.open;
    cutEnd[b.end - box.open] = b.end + 1;
  }
  let out = '';
  let from = box.open;
  for (let i = box.open; i < box.end; ) {
    const to = cutEnd[i - box.open];
    if (to === 0) {
      i++;
      continue;
    }
    out += text.slice(from, i);
    from = i = to;
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
