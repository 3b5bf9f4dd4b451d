/**
 * Positions of values read by a document parser that drops them (TOML, YAML): each value is found by its text, in
 * file order, from where the previous one was found (the first occurrence when it is not further on).
 */
export function locator(text: string): (value: string) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  let searchFrom = 0;
  return (value) => {
    let at = text.indexOf(value, searchFrom);
    if (at < 0) at = text.indexOf(value);
    else searchFrom = at + value.length;
    if (at < 0) return { line: 1, column: 1 };
    // the last line start at or before `at` (binary search: a walk from the top per value was quadratic)
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - lineStarts[lo]! + 1 };
  };
}
