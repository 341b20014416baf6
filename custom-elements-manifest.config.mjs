/**
 * Events are listed from the element's `@fires` JSDoc. The analyzer also tries to
 * read them from `dispatchEvent(new SomeEvent(...))` calls, where it cannot see the
 * name that the event class's constructor gives: drop those nameless entries.
 */
function dropNamelessEvents() {
  return {
    name: 'drop-nameless-events',
    packageLinkPhase({customElementsManifest}) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  outdir: '.',
  litelement: true,
  plugins: [dropNamelessEvents()],
};
