import type {SharingCore} from './load.js';

/** The socket core, as load.ts hands it over when sharing loads (see there why it is not imported). */
export let core: SharingCore;

export function useCore(given: SharingCore): void {
  core = given;
}
