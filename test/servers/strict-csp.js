import {createHash} from 'node:crypto';

/** The code of the handler attributes on test/csp/handlers.html, whose hash one policy allows. */
export const handlerCode = 'window.attributeRan = true';
const hash = `'sha256-${createHash('sha256').update(handlerCode).digest('base64')}'`;

/** The policies test/csp/handlers.html is served with, by the name in its `?policy=`. */
export const policies = {
  none: '',
  self: "script-src 'self'",
  'self-unsafe-eval': "script-src 'self' 'unsafe-eval'",
  'nonce-strict-dynamic-unsafe-eval': "script-src 'nonce-test' 'strict-dynamic' 'unsafe-eval'",
  'self-unsafe-inline': "script-src 'self' 'unsafe-inline'",
  'self-unsafe-hashes': `script-src 'self' 'unsafe-hashes' ${hash}`,
  'trusted-types': "require-trusted-types-for 'script'",
  'trusted-types-unsafe-inline': "script-src 'self' 'unsafe-inline'; require-trusted-types-for 'script'",
};

/**
 * Serves test/csp/ with a Content-Security-Policy: page.html with scripts from this origin
 * only and Trusted Types; handlers.html with the policy its `?policy=` names.
 */
export function strictCsp() {
  return async function strictCspHeader(context, next) {
    await next();
    if (context.path === '/test/csp/handlers.html') {
      const policy = policies[context.query.policy];
      if (policy) context.set('Content-Security-Policy', policy);
    } else if (context.path.startsWith('/test/csp/')) {
      context.set('Content-Security-Policy', "script-src 'self'; require-trusted-types-for 'script'");
    }
  };
}
