import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { enforceAccess } from '../../access/enforce';
import { registerRouteAccess, type RegisteredRoute } from '../../access/route-access';
import { adminRoutes } from '../../admin/routes';
import { aftercareRoutes } from '../../aftercare/routes';
import { rescueIntakeRoutes } from '../../aftercare/rescue-intakes';
import { auditRoutes } from '../../audit/routes';
import { authRoutes } from '../../auth/routes';
import { caseDocumentRoutes } from '../../cases/document-routes';
import { caseGraphRoutes } from '../../cases/graph-routes';
import { caseProcessRoutes } from '../../cases/process-routes';
import { caseRoutes } from '../../cases/routes';
import { evidenceRoutes } from '../../evidence/routes';
import { financeRoutes } from '../../finance/routes';
import { healthRoutes } from '../../health/routes';
import { intakeRoutes } from '../../intake/routes';
import { prosecutionRoutes } from '../../prosecution/routes';
import { reminderRoutes } from '../../reminders/routes';
import { triageRoutes } from '../../triage/routes';
import type { AppDeps } from '../deps';
import type { ApiApp } from './api-app';
import { AppError, handleError } from './errors';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/** Every domain's routes; a new module adds its function here. */
const DOMAIN_ROUTES: ((app: ApiApp) => Promise<void>)[] = [
  healthRoutes,
  authRoutes,
  adminRoutes,
  auditRoutes,
  intakeRoutes,
  triageRoutes,
  caseRoutes,
  caseProcessRoutes,
  caseGraphRoutes,
  caseDocumentRoutes,
  reminderRoutes,
  evidenceRoutes,
  aftercareRoutes,
  rescueIntakeRoutes,
  financeRoutes,
  prosecutionRoutes,
];

export type BuildOptions = { webDist?: string | null; logger?: boolean };

export type BuiltApp = { app: FastifyInstance; routes: RegisteredRoute[] };

/**
 * The HTTP application: security headers, error catalogue, session and access checks,
 * OpenAPI, the domains' routes and the web app. No listening here; main.ts and the tests
 * decide how it is served.
 */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<BuiltApp> {
  const { config } = deps;
  const https = config.tls
    ? { https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) } }
    : {};
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ...https,
  }) as unknown as FastifyInstance;
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  // Set by the access hook on every request before any handler runs.
  app.decorateRequest('now', null as never);
  app.decorateRequest('auditContext', null as never);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => registerRouteAccess(routes, route));

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => Object.assign(new AppError('rate_limited'), { statusCode: 429 }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bantay API',
        version: '0.1.0',
        description:
          'Every error is {"error":{"code","message","field?"}}. State-changing calls need the header X-Bantay-Request: 1. Sign in with POST /api/auth/login; the session is an HttpOnly cookie.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', enforceAccess);
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const register of DOMAIN_ROUTES) await register(api);
  api.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  await serveWeb(app, options.webDist === undefined ? WEB_DIST : options.webDist);
  await app.ready();
  return { app, routes };
}

/**
 * The built web app: hashed assets from disk, and index.html for every other path so the
 * client-side router can take it. index.html carries the request's CSP nonce for the
 * style elements the UI library adds.
 */
async function serveWeb(app: FastifyInstance, dist: string | null): Promise<void> {
  const indexFile = dist ? path.join(dist, 'index.html') : null;
  const template = indexFile && fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : null;
  if (dist && template) {
    await app.register(fastifyStatic, { root: dist, index: false, wildcard: false, prefix: '/' });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.code(404).send(new AppError('not_found').toBody());
    }
    if (!template) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built. Run `npm start` (or `npm run build:web`) from the repository root.');
    }
    const nonce = reply.cspNonce.style;
    return reply
      .type('text/html')
      .header('cache-control', 'no-cache')
      .send(template.replaceAll('__CSP_NONCE__', nonce));
  });
}
