// The two ways safeFetch fails: a URL refused by the SSRF rules, or a fetch that gave no usable page.

export type UnsafeReason =
  | 'invalid_url'
  | 'scheme'
  | 'credentials'
  | 'port'
  | 'ip_literal'
  | 'blocked_hostname'
  | 'embedded_ip'
  | 'private_address'
  | 'too_many_redirects';

/** The URL (or a redirect hop) breaks a safety rule; nothing was fetched from it. Never worth retrying. */
export class UnsafeUrlError extends Error {
  constructor(
    readonly reason: UnsafeReason,
    readonly url: string,
    detail?: string,
  ) {
    super(detail ? `unsafe url (${reason}): ${detail}` : `unsafe url (${reason})`);
    this.name = 'UnsafeUrlError';
  }
}

export type FetchFailureKind = 'dns' | 'network' | 'timeout' | 'http_status' | 'content_type' | 'too_large';

/** The fetch was allowed but failed; `transient` says whether a later retry may succeed. */
export class FetchFailedError extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    readonly transient: boolean,
    readonly url: string,
    detail?: string,
    readonly status?: number,
  ) {
    super(detail ? `fetch failed (${kind}): ${detail}` : `fetch failed (${kind})`);
    this.name = 'FetchFailedError';
  }
}
