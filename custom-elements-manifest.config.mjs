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
  plugins: [publicSurfaceOnly()],
};
