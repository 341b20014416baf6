/**
 * The simulation's only source of randomness: mulberry32, a 32-bit seeded
 * generator. Math.random cannot be seeded, and a run must repeat exactly
 * from its seed so that two tables can be compared number for number.
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return function random() {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
