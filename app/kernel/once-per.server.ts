const loads = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Loads `key` once per `scope` and hands every later caller the same answer. The scope is the
 * request's Viewer or its ability (one per request), so the layouts and the page of one request
 * share a read instead of repeating it; the next request starts afresh.
 */
export function oncePer<T>(scope: object, key: string, load: () => PromiseLike<T>): Promise<T> {
  let ofScope = loads.get(scope);
  if (!ofScope) loads.set(scope, (ofScope = new Map()));
  let loading = ofScope.get(key) as Promise<T> | undefined;
  if (!loading) {
    // A query builder is a thenable that runs its query again on every `then`: settle it once.
    loading = Promise.resolve(load());
    ofScope.set(key, loading);
  }
  return loading;
}

/** What `oncePer` holds for `key` in this scope, if something has asked for it already. */
export function loadedPer<T>(scope: object, key: string): Promise<T> | undefined {
  return loads.get(scope)?.get(key) as Promise<T> | undefined;
}
