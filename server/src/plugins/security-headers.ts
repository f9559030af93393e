import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'

/**
 * The content security policy every page (the H5 app at /, the console at /admin/, Swagger UI at /docs) is held to,
 * checked in Chromium by e2e/security-headers.test.ts (no violation on any page). Scripts come only from this origin;
 * styles may be inline because antd (CSS-in-JS) and Taro's components write style attributes and <style> elements;
 * images and media come from this origin (bulletin and tip images are kept to the server's own media, see
 * bulletins/validate.ts), data: and blob: (canvas exports, the video player). Nobody may frame the app or the console.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Not upgrade-insecure-requests: `npm start` serves plain http on localhost; TLS is the proxy's (docs/security.md).
  upgradeInsecureRequests: null
}

// Answers that hold personal data: a resident's own (/me…), anything signed in, and the centre's admin API.
const PERSONAL = /^\/api\/v1\/(?:me(?:\/|$|\?)|admin\/)/

/**
 * Security headers on every answer (@fastify/helmet): the CSP above, X-Frame-Options DENY, nosniff, no referrer,
 * HSTS for deployments behind TLS (ignored by browsers over plain http); and `Cache-Control: no-store` on answers
 * with personal data, so no shared cache or back-forward cache keeps them.
 */
export async function registerSecurityHeaders(app: FastifyInstance, imageHosts: readonly string[] = []): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, imgSrc: [...CONTENT_SECURITY_POLICY.imgSrc, ...imageHosts.map((h) => `https://${h}`)] }
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // A county's domain may host other services: no includeSubDomains from here.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    // Media are fetched by the mini-program and the H5 app alike; same-site is what the app needs.
    crossOriginResourcePolicy: { policy: 'same-site' },
    crossOriginEmbedderPolicy: false
  })
  app.addHook('onSend', async (request, reply, payload) => {
    if ((PERSONAL.test(request.url) || request.headers.authorization !== undefined) && request.url.startsWith('/api/')) {
      const current = reply.getHeader('cache-control')
      if (current === undefined || !String(current).includes('no-store')) reply.header('cache-control', 'no-store')
    }
    return payload
  })
}
