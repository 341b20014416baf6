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
    // A sandboxed frame of these pages has an opaque origin: Firefox then holds its document to
    // CORP as a cross-origin one, and its module scripts are fetched with CORS.
    if (context.get('Sec-Fetch-Dest') === 'iframe') context.set('Cross-Origin-Resource-Policy', 'cross-origin');
    if (context.get('Origin') === 'null') context.set('Access-Control-Allow-Origin', '*');
  };
}
