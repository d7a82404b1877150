import pino from 'pino';

/**
 * A URL fit for logs and error details: the secret part of a customer's status link
 * (/portal/status/{token}, /public/v1/portal/status/{token}/…) is replaced.
 */
export function redactUrl(url: string): string {
  return url.replace(/(\/portal\/status\/)[^/?#]+/g, '$1[redacted]');
}

/** pino's `req` serializer for the desk: what Fastify logs by default, with the URL redacted. */
export function serializeRequest(request: { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: request.method, url: redactUrl(request.url), host: request.hostname, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** The desk's logger: JSON lines, credentials and status-link tokens never written. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = { level, redact: ['req.headers.authorization', 'req.headers.cookie'], serializers: { req: serializeRequest } };
  return destination ? pino(options, destination) : pino(options);
}
