import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 8 * 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 86_400;

export type TokenType = 'access' | 'refresh';

export type TokenClaims = {
  type: TokenType;
  sub: string;
  user_id: string;
  organization_id: string;
  role: string;
  /** Token family: every access and refresh token of one login share it, and logout revokes it. */
  fam: string;
  jti: string;
};

const ISSUER = 'vigil';

export async function signToken(key: Uint8Array, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/** Verifies signature, expiry, issuer and the `type` claim, so a refresh token can never act as an access token. */
export async function verifyToken(key: Uint8Array, token: string, expected: TokenType): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
    if (payload.type !== expected) return null;
    if (typeof payload.sub !== 'string' || typeof payload.fam !== 'string' || typeof payload.jti !== 'string') return null;
    return payload as unknown as TokenClaims;
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}
