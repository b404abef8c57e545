import { boxGroups } from './box-groups';
import { closingMath } from './closing-math';
import { markedAnswer } from './marked-answer';

/**
 * The final answer of a chat model's solution. The answer is the one stated last:
 * - a group of boxes (boxes separated only by commas, "and", "or", math delimiters or "x ="
 *   count as one answer, `\boxed{1}\boxed{2}` is "1, 2"; a box followed by prose before the next
 *   box was an intermediate result, and the later group wins);
 * - a final-answer sentence ("Final Answer: The largest n is 34.", "Answer $9$") that comes after
 *   the last box group overrides it, since models restate the answer after boxing it;
 * - with neither, a formula closing the text ("... is $\frac{3}{8}$.").
 * Null when the text states no answer (a truncated box is no answer).
 */
export function lenientAnswer(text: string): string | null {
  const last = boxGroups(text).at(-1);
  const marked = markedAnswer(text);
  if (marked && (!last || marked.start > last.end)) return marked.answer;
  return last?.answer ?? closingMath(text);
}
