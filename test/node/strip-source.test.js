// What the self-unpacking package leaves out of each module, and what it must keep.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {withoutCommentsAndDocstrings} from '../../python/strip-source.js';

describe('the self-unpacking package strips a module', () => {
  it('of comments and function and class docstrings, keeping every line where it was', () => {
    const source = [
      '"""The module\'s docstring stays: it is __doc__ under Pyodide."""',
      '# a comment line',
      'class Closed(Exception):',
      '    """A class docstring,',
      '    over two lines."""',
      '',
      'def send(data):  # a trailing comment',
      "    '''A function docstring.'''",
      '    return data',
      '',
    ].join('\n');
    assert.equal(
      withoutCommentsAndDocstrings(source),
      [
        '"""The module\'s docstring stays: it is __doc__ under Pyodide."""',
        '',
        'class Closed(Exception):',
        '    ""',
        '',
        '',
        'def send(data):',
        '    ""',
        '    return data',
        '',
      ].join('\n')
    );
  });

  it('leaves strings alone: a # inside one, escaped quotes, and triple-quoted values', () => {
    const source = [
      'URL = "ws://host/#frag"  # not a fragment of the comment',
      "QUOTE = 'it\\'s # here'",
      'TEXT = """',
      '# a line of the value, not a comment',
      '"""',
      'call(',
      '    """an argument, not a docstring""",',
      ')',
    ].join('\n');
    const expected = source.replace('  # not a fragment of the comment', '');
    assert.equal(withoutCommentsAndDocstrings(source), expected);
  });
});
