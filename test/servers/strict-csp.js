/** Serves test/csp/ with a strict Content-Security-Policy: scripts from this origin only, and Trusted Types. */
export function strictCsp() {
  return async function strictCspHeader(context, next) {
    await next();
    if (context.path.startsWith('/test/csp/')) {
      context.set('Content-Security-Policy', "script-src 'self'; require-trusted-types-for 'script'");
    }
  };
}
