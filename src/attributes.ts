/** How the element's attributes become property values. */

/** A space- or comma-separated list, as in `protocols="chat, v2"`. */
export const listAttribute = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: string[]): string => value.join(' '),
};

/** A non-negative number; a missing or unreadable attribute means `fallback`. */
export function numberAttribute(fallback: number) {
  return {
    fromAttribute: (value: string | null): number => {
      const number = value === null || value.trim() === '' ? NaN : Number(value);
      return Number.isNaN(number) || number < 0 ? fallback : number;
    },
    toAttribute: (value: number): string => String(value),
  };
}

/** An enumerated attribute: a missing or unknown value means the first of `values`. */
export function enumeratedAttribute<T extends string>(values: readonly T[]) {
  return {
    fromAttribute: (value: string | null): T => (values.includes(value as T) ? (value as T) : values[0]),
    toAttribute: (value: T): string => value,
  };
}
