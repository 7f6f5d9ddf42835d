// The circuit breaker's thresholds, importable without the Durable Object runtime (the Worker's admin view
// and the OpenAPI generator read them too).
export const FAILURE_THRESHOLD = 5;
export const DEFAULT_COOLDOWN_MS = 60_000;
