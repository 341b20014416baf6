/**
 * A Python module's source without its comments and docstrings, for the self-unpacking
 * form MicroPython loads: the interpreter lexes every byte of it on each page load, and
 * keeps no docstring anyway. Every line stays where it was (a removed line is left empty),
 * so a traceback's line numbers still point into python/py_websocket/.
 *
 * A docstring here is a triple-quoted string that begins its line right after a line
 * ending in ":" (a def or class header). A module's own docstring stays: it is the module's
 * `__doc__` under Pyodide (exceptions.py's is the hierarchy).
 */
export function withoutCommentsAndDocstrings(source) {
  let out = '';
  let lastCode = ''; // the last character of code (not comment, not space) before this point
  let lineHasCode = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    if (char === '#') {
      const lineEnd = source.indexOf('\n', i);
      i = lineEnd < 0 ? source.length : lineEnd;
      let end = out.length;
      while (out[end - 1] === ' ' || out[end - 1] === '\t') end--;
      out = out.slice(0, end);
      continue;
    }
    if (char === '\n') {
      out += char;
      lineHasCode = false;
      i++;
      continue;
    }
    if (char === '"' || char === "'") {
      const end = stringEnd(source, i);
      const text = source.slice(i, end);
      const isDocstring = !lineHasCode && text.length >= 6 && text.startsWith(char.repeat(3)) && lastCode === ':';
      out += isDocstring ? `""${'\n'.repeat(text.split('\n').length - 1)}` : text;
      lineHasCode = true;
      lastCode = char;
      i = end;
      continue;
    }
    if (char !== ' ' && char !== '\t' && char !== '\r') {
      // A string prefix (f, r, b) is code like any other; its quote starts the string next.
      lineHasCode = true;
      lastCode = char;
    }
    out += char;
    i++;
  }
  return out;
}

/** The index just past the string literal that starts at `start` (a quote). */
function stringEnd(source, start) {
  const quote = source[start];
  const triple = source.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  let i = start + closing.length;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source.startsWith(closing, i)) return i + closing.length;
    else if (!triple && source[i] === '\n') return i; // an unterminated string: Python reports it
    else i++;
  }
  return source.length;
}
