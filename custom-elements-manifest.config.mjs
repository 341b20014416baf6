/**
 * Points every module path at the JavaScript the package ships (`src/events.ts` is
 * `lib/events.js`), so tools that import what the manifest names find it.
 */
function shippedModulePaths() {
  const shipped = (path) => path.replace(/^\/?src\/(.*)\.(ts|js)$/, 'lib/$1.js');
  return {
    name: 'shipped-module-paths',
    packageLinkPhase({customElementsManifest}) {
      for (const module of customElementsManifest.modules) {
        module.path = shipped(module.path);
        // References name modules by package path, or (re-exports) relative to this module.
        const folder = module.path.slice(0, module.path.lastIndexOf('/') + 1);
        JSON.stringify(module, function (key, value) {
          if (key === 'module' && typeof value === 'string') {
            this[key] = value.startsWith('./') ? folder + value.slice(2) : shipped(value);
          }
          return this[key];
        });
      }
    },
  };
}

/**
 * Keeps the manifest to the public surface:
 * - events come from the element's `@fires` JSDoc; the analyzer also reads
 *   `dispatchEvent(new SomeEvent(...))` calls, where it cannot see the name the
 *   event class gives, and lists them nameless: drop those;
 * - `#private` members are not API: drop them.
 */
function publicSurfaceOnly() {
  return {
    name: 'public-surface-only',
    packageLinkPhase({customElementsManifest}) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          if (declaration.members) declaration.members = declaration.members.filter((member) => !member.name.startsWith('#'));
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself; the staleness check must not rewrite it.
  packagejson: false,
  plugins: [publicSurfaceOnly(), shippedModulePaths()],
};
