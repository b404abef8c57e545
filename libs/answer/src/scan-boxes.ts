/** One closed `\boxed{...}` (or `\fbox{...}`) of a text. */
export interface Box {
  /** Index of the backslash (the first of a doubled run) that starts the command. */
  start: number;
  /** Index of the first character of the content. */
  open: number;
  /** Index of the closing brace. */
  end: number;
}

const BOX_COMMANDS = new Set(['boxed', 'fbox']);
const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/**
 * Every closed box of `text`, in the order they close (an inner box before the box around it), in
 * one pass over the text with a stack of open braces: linear time whatever the text. `\boxed {`
 * with spaces counts, `\boxedfoo{` does not. A run of backslashes before a command is the command
 * (`\\boxed` is how a twice-escaped output, e.g. JSON, writes `\boxed`); before a brace an odd run
 * escapes it (`\{` is content), an even run is line breaks and leaves the brace structural.
 */
export function scanBoxes(text: string): Box[] {
  const boxes: Box[] = [];
  const open: (Omit<Box, 'end'> | null)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      let name = i;
      while (text[name] === '\\') name++;
      let after = name;
      while (isLetter(text[after])) after++;
      if (after === name) {
        i = (name - i) % 2 === 1 ? name + 1 : name;
        continue;
      }
      if (BOX_COMMANDS.has(text.slice(name, after))) {
        let brace = after;
        while (text[brace] === ' ' || text[brace] === '\t' || text[brace] === '\n') brace++;
        if (text[brace] === '{') {
          open.push({ start: i, open: brace + 1 });
          i = brace + 1;
          continue;
        }
      }
      i = after;
      continue;
    }
    if (c === '{') open.push(null);
    else if (c === '}') {
      const box = open.pop();
      if (box) boxes.push({ ...box, end: i });
    }
    i++;
  }
  return boxes;
}
