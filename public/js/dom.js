// The page's elements by id. Every id used is in index.html; the browser tests drive the same ids.

/** @param {string} id */
export const $ = (id) => /** @type {any} */ (document.getElementById(id));
