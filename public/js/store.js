// The state the page's modules share, in one place: a plain object behind get/set, and
// subscriptions so a part of the page that shows some keys redraws when any of them changes.
// State that only one module uses stays inside that module.

/**
 * @template {object} S
 * @typedef {object} Store
 * @property {<K extends keyof S>(key: K) => S[K]} get
 * @property {(patch: Partial<S>) => void} set
 * @property {(keys: (keyof S)[], listener: () => void) => () => void} subscribe
 */

/**
 * A store over a copy of `initial`. `set` applies the whole patch first, then runs (synchronously,
 * once each) the listeners subscribed to a key whose value changed; setting the same value again
 * runs nothing. `subscribe` returns the function that unsubscribes.
 * @template {object} S
 * @param {S} initial
 * @returns {Store<S>}
 */
export function createStore(initial) {
  const state = { ...initial };
  /** @type {Set<{ keys: (keyof S)[], listener: () => void }>} */
  const subscriptions = new Set();
  return {
    get(key) {
      return state[key];
    },
    set(patch) {
      /** @type {(keyof S)[]} */
      const changed = [];
      for (const key of /** @type {(keyof S)[]} */ (Object.keys(patch))) {
        const value = /** @type {S[keyof S]} */ (patch[key]);
        if (Object.is(state[key], value)) continue;
        state[key] = value;
        changed.push(key);
      }
      if (changed.length === 0) return;
      for (const s of [...subscriptions]) {
        if (s.keys.some((k) => changed.includes(k))) s.listener();
      }
    },
    subscribe(keys, listener) {
      const subscription = { keys, listener };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
      };
    },
  };
}

/**
 * @typedef {object} PageState
 * @property {any[]} sessions the chat list, oldest first
 * @property {number | null} sessionId the open chat
 * @property {any} session the open chat's record, once loaded
 * @property {string | null} live the generation running in the open chat, as far as this tab knows
 * @property {boolean} sending this tab's send-message request is in flight
 */

/** The page's store. @type {Store<PageState>} */
export const store = createStore(
  /** @type {PageState} */ ({ sessions: [], sessionId: null, session: null, live: null, sending: false }),
);
