import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../core/errors.ts';

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * A state-changing call authenticated by the session cookie must come from our own origin (or an
 * origin in CORS_ORIGINS): a browser sends the cookie with a cross-site form post too. Browsers say
 * where a request comes from (Origin, Sec-Fetch-Site); a client that sends neither is not a browser,
 * so no other site can be driving it.
 */
export function assertSameOrigin(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): void {
  const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
  const fetchSite = typeof headers['sec-fetch-site'] === 'string' ? headers['sec-fetch-site'] : undefined;
  if (origin !== undefined && origin !== 'null') {
    if (hostOf(origin) === headers.host || allowedOrigins.includes(origin)) return;
    throw new AppError(
      'FORBIDDEN',
      `Cross-site request refused: Origin ${origin} may not use the session cookie (send a bearer token, or call from an allowed origin)`,
    );
  }
  if (origin === 'null' || (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')) {
    throw new AppError('FORBIDDEN', 'Cross-site request refused: the session cookie is accepted only from this origin');
  }
}
