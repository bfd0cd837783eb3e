import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from 'trpc-to-openapi';
import { appRouter } from '../routers/index.ts';

export const API_VERSION = '0.1.0';

/** The REST contract, projected from the tRPC procedures; committed as clients/openapi.json. */
export function buildOpenApiDocument(router: OpenApiRouter = appRouter): OpenAPIObject {
  return generateOpenApiDocument(router, {
    title: 'Vigil API',
    description:
      'Security operations backend (SIEM + XDR + SOAR). Serves the documented routes of the Mini-XDR and EventSec platforms. Errors carry `detail`, `code`, `requestId` and, for validation failures, `issues`.',
    version: API_VERSION,
    baseUrl: '/',
    docsUrl: '/docs',
    license: { name: 'Apache-2.0' },
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'access_token' },
      agentKey: { type: 'apiKey', in: 'header', name: 'X-Agent-Key', description: 'Key returned by POST /agents/enroll' },
    },
  });
}
