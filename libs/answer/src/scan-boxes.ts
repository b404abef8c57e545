/** One closed `\boxed{...}` (or `\fbox{...}`) of a text. */
export interface Box {
  /** Index of the backslash (the first of a doubled run) that starts the command. */
  start: number;
  /** Index of the first character of the content. */
  open: number;
  /** Index of the closing brace. */
  end: number;
}

const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BOX_COMMANDS = new Set(['boxed', 'fbox']);
const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a;

/**
 * Every closed box of `text`, in the order they close (an inner box before the box around it), in
 * one pass over the text with a stack of open braces: linear time whatever the text. `\boxed {`
 * with spaces counts, `\boxedfoo{` does not. A run of backslashes before a command is the command
 * (`\\boxed` is how a twice-escaped output, e.g. JSON, writes `\boxed`); before a brace an odd run
 * escapes it (`\{` is content), an even run is line breaks and leaves the brace structural.
 */
export function scanBoxes(text: string): Box[] {
  const boxes: Box[] = [];
  // Per open brace, the start of its box command and of its content, or -1 for a plain brace. Typed
  // arrays, doubled when full: a megabyte of `{` is a million entries, which plain arrays take
  // hundreds of milliseconds to grow to, and most texts nest a few levels only.
  let starts: Int32Array = new Int32Array(64);
  let opens: Int32Array = new Int32Array(64);
  let depth = 0;
  const push = (start: number, open: number) => {
    if (depth === starts.length) {
      starts = grown(starts);
      opens = grown(opens);
    }
    starts[depth] = start;
    opens[depth++] = open;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      let name = i;
      while (text.charCodeAt(name) === BACKSLASH) name++;
      let after = name;
      while (isLetter(text.charCodeAt(after))) after++;
      if (after === name) {
        i = (name - i) % 2 === 1 ? name + 1 : name;
        continue;
      }
      if (BOX_COMMANDS.has(text.slice(name, after))) {
        let brace = after;
        while (isSpace(text.charCodeAt(brace))) brace++;
        if (text.charCodeAt(brace) === OPEN_BRACE) {
          push(i, brace + 1);
          i = brace + 1;
          continue;
        }
      }
      i = after;
      continue;
    }
    if (c === OPEN_BRACE) push(-1, -1);
    else if (c === CLOSE_BRACE && depth > 0) {
      depth--;
      if (starts[depth] >= 0) boxes.push({ start: starts[depth], open: opens[depth], end: i });
    }
    i++;
  }
  return boxes;
}

function grown(stack: Int32Array): Int32Array {
  const larger = new Int32Array(stack.length * 2);
  larger.set(stack);
  return larger;
}
