import type { RequestOptions } from '../core/config.js';
import type { KnotPromise } from '../core/promise.js';
import { type SessionCreateParams, SessionCreateParamsSchema, type SessionExtendParams, SessionExtendParamsSchema } from '../schemas/params.js';
import { type SessionResponse, SessionResponseSchema } from '../schemas/responses.js';
import { Resource } from './resource.js';

/** Sessions for the client-side Knot SDK (30 minutes each). */
export class Sessions extends Resource {
  /** `POST /session/create`: a new session for the client-side SDK. */
  create(params: SessionCreateParams, options?: RequestOptions): KnotPromise<SessionResponse> {
    return this.core.request(
      { method: 'POST', operation: 'sessions.create', path: '/session/create', paramsSchema: SessionCreateParamsSchema, response: SessionResponseSchema },
      params,
      options,
    );
  }

  /** `POST /session/extend`: another 30 minutes for a session the user still has open. */
  extend(params: SessionExtendParams, options?: RequestOptions): KnotPromise<SessionResponse> {
    return this.core.request(
      { method: 'POST', operation: 'sessions.extend', path: '/session/extend', paramsSchema: SessionExtendParamsSchema, response: SessionResponseSchema },
      params,
      options,
    );
  }
}
