// Packs the py_websocket package folder (part of `npm run build`) so that every runtime loads
// it with one line, in one request:
// - python/py_websocket.zip, for Pyodide (`pyodide.unpackArchive`) and PyScript
//   (`"files": {"….zip": "./*"}`);
// - python/py_websocket.brython.js, for Brython (`<script src>`): its modules in Brython's
//   virtual file system, as `brython-cli make_package` writes it, instead of one synchronous
//   request per module from its pythonpath;
// - python/py_websocket.self-unpacking.py, for PyScript's MicroPython
//   (`"files": {"….self-unpacking.py": "./py_websocket/__init__.py"}`): the package's
//   __init__.py, which writes the other modules beside itself as it is imported. PyScript
//   unpacks a zip there with a JavaScript library that costs it about twice the load of one
//   file (see the README's Runtime notes).
// The same files give the same bytes: entries are sorted, the zip's dated 1980-01-01.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join, relative, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createHash} from 'node:crypto';
import {crc32, deflateRawSync} from 'node:zlib';
import {withoutCommentsAndDocstrings} from './strip-source.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const packageFolder = join(here, 'py_websocket');

/** Every .py file under `folder`, as [name in the archive, contents], sorted by name. */
function pythonFiles(folder) {
  const files = readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.py'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  return files
    .map((file) => [relative(here, file).split(sep).join('/'), readFileSync(file)])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** A zip archive (PKWARE APPNOTE 6.3: local headers, data, central directory, end record). */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, contents] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(contents, {level: 9});
    const fields = {crc: crc32(contents), compressedSize: compressed.length, size: contents.length};
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressedSize, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    local.copy(central, 6, 4, 30); // version needed … name length, as in the local header
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, compressed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The modules as Brython's virtual file system holds them: by dotted name, [".py", source,
 * imports, 1 for a package]. The timestamp, which Brython compares with what it cached,
 * changes with the contents.
 */
function brythonPackage(files) {
  const hash = createHash('sha256');
  const scripts = {};
  for (const [name, contents] of files) {
    hash.update(name).update(contents);
    const parts = name.replace(/\.py$/, '').split('/');
    const isPackage = parts.at(-1) === '__init__';
    const source = contents.toString('utf8');
    scripts[(isPackage ? parts.slice(0, -1) : parts).join('.')] = isPackage ? ['.py', source, [], 1] : ['.py', source, []];
  }
  // Where Brython's standard library (brython_stdlib.js) is not loaded, `import asyncio` fails
  // with "No module named 'undefined'": this module says what to use instead.
  const asyncioHint = readFileSync(join(here, 'brython_asyncio.py'));
  hash.update(asyncioHint);
  const timestamp = parseInt(hash.digest('hex').slice(0, 12), 16);
  const hint = JSON.stringify({$timestamp: timestamp, asyncio: ['.py', asyncioHint.toString('utf8'), []]});
  return (
    `__BRYTHON__.use_VFS = true;\n__BRYTHON__.update_VFS(${JSON.stringify({$timestamp: timestamp, ...scripts})});\n` +
    `if (!__BRYTHON__.VFS?.asyncio) __BRYTHON__.update_VFS(${hint});\n`
  );
}

/**
 * The package's __init__.py with every other module in it, written beside it (into the
 * folder the runtime imported it from) before the rest of __init__ runs; lines keep their
 * numbers, so tracebacks point into python/py_websocket/. The sources are
 * JSON strings, which Python reads as the same strings.
 */
function selfUnpacking(files) {
  const init = files.find(([name]) => name === 'py_websocket/__init__.py')[1].toString('utf8');
  const others = files.filter(([name]) => name !== 'py_websocket/__init__.py');
  // After the docstring, so that it stays the package's __doc__.
  const docstringEnd = init.startsWith('"""') ? init.indexOf('"""', 3) + 4 : 0;
  // Without comments and function docstrings: MicroPython lexes all of it at every load.
  const modules = others.map(([name, contents]) => {
    const source = withoutCommentsAndDocstrings(contents.toString('utf8'));
    return `    (${JSON.stringify(name.slice('py_websocket/'.length))}, ${JSON.stringify(source)}),\n`;
  });
  const unpack = `
# (Built from python/py_websocket/ by npm run build: this file is that folder's __init__.py
# carrying the package's other modules, which it writes beside itself as it is imported.)
def _unpack(modules):
    import os

    folder = __file__[: __file__.rfind("/") + 1]
    for name, source in modules:
        if "/" in name:
            try:
                os.mkdir(folder + name[: name.rfind("/")])
            except OSError:
                pass  # (made for an earlier module)
        with open(folder + name, "w") as file:
            file.write(source)


_unpack((
${modules.join('')}))
del _unpack
`;
  return init.slice(0, docstringEnd) + unpack + init.slice(docstringEnd);
}

const files = pythonFiles(packageFolder);
writeFileSync(join(here, 'py_websocket.zip'), zip(files));
writeFileSync(join(here, 'py_websocket.brython.js'), brythonPackage(files));
writeFileSync(join(here, 'py_websocket.self-unpacking.py'), selfUnpacking(files));
console.log(`python/py_websocket.zip, python/py_websocket.brython.js, python/py_websocket.self-unpacking.py: ${files.length} modules`);
