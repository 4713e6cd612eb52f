// Brings a shown block up to date with a freshly rendered copy of it, touching as little as it
// can: a text node that only grew gets the new characters appended, matching elements are kept.
// A reader's text selection lives in those nodes, so it survives a reply still being written.

/**
 * Makes `current` show what `fresh` shows; returns the node that is now on the page (`current`,
 * or `fresh` when the two are different kinds of node and `current` was replaced).
 * @param {ChildNode} current on the page
 * @param {ChildNode} fresh rendered, not on the page
 * @returns {ChildNode}
 */
export function morph(current, fresh) {
  if (current instanceof Text && fresh instanceof Text) {
    const was = current.data;
    const now = fresh.data;
    if (now.startsWith(was)) {
      if (now.length > was.length) current.appendData(now.slice(was.length));
    } else if (was !== now) {
      current.data = now;
    }
    return current;
  }
  if (!(current instanceof Element && fresh instanceof Element) || !sameElement(current, fresh)) {
    current.replaceWith(fresh);
    return fresh;
  }
  const fromFresh = [...fresh.childNodes];
  fromFresh.forEach((child, i) => {
    const shown = current.childNodes[i];
    if (shown) morph(shown, child);
    else current.append(child);
  });
  while (current.childNodes.length > fromFresh.length) current.lastChild?.remove();
  return current;
}

/** Same tag and the same attributes (the renderer sets few: href, start, data-lang). @param {Element} a @param {Element} b */
function sameElement(a, b) {
  if (a.tagName !== b.tagName || a.attributes.length !== b.attributes.length) return false;
  for (const attr of a.attributes) if (b.getAttribute(attr.name) !== attr.value) return false;
  return true;
}
