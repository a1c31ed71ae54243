/**
 * Reading options and schemas by own properties only. An inherited property is not an option:
 * if anything pollutes `Object.prototype` (`Object.prototype.domain = 'evil.example'`), an
 * attribute object that does not set `domain` must still have none.
 */

/** `object[key]` when `object` has it as its own property, else `undefined`. Never throws. */
export function own<T extends object, K extends keyof T>(
  object: T | null | undefined,
  key: K,
): T[K] | undefined {
  return typeof object === 'object' && object !== null && Object.hasOwn(object, key)
    ? object[key]
    : undefined;
}
