/** vigil's own version, reported in every result. Keep in sync with package.json. */
export const VERSION = '0.1.0';
