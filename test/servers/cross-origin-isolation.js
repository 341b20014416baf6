/**
 * Makes every page cross-origin isolated (COOP same-origin, COEP require-corp), as PyScript
 * workers need: they talk to the page through SharedArrayBuffer. Everything the tests load
 * comes from this origin, so nothing else changes.
 */
export function crossOriginIsolation() {
  return async function isolate(context, next) {
    await next();
    context.set('Cross-Origin-Opener-Policy', 'same-origin');
    context.set('Cross-Origin-Embedder-Policy', 'require-corp');
    context.set('Cross-Origin-Resource-Policy', 'same-origin');
  };
}
