/** How the element's attributes become property values. */

/** A space- or comma-separated list, as in `protocols="chat, v2"`. */
export const listAttribute = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: string[]): string => value.join(' '),
};

/**
 * A finite number ≥ 0; anything else (missing, NaN, negative, not a number) means `fallback`.
 * `fromProperty` gives the property the same rule: `el.reconnectDelay = NaN` is the default.
 */
export function numberAttribute(fallback: number) {
  const fromAttribute = (value: string | null): number => {
    const number = value === null || value.trim() === '' ? NaN : Number(value);
    return Number.isFinite(number) && number >= 0 ? number : fallback;
  };
  return {
    fromAttribute,
    toAttribute: (value: number): string => String(value),
    fromProperty: (value: unknown): number => {
      try {
        return fromAttribute(`${value as string}`);
      } catch {
        return fallback; // a Symbol, or an object whose toString throws
      }
    },
  };
}

/** An enumerated attribute: a missing or unknown value means the first of `values`. */
export function enumeratedAttribute<T extends string>(values: readonly T[]) {
  return {
    fromAttribute: (value: string | null): T => (values.includes(value as T) ? (value as T) : values[0]),
    toAttribute: (value: T): string => value,
  };
}
