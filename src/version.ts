// Kept equal to package.json's version (a test checks it).
/** The version of knotapi-node, as sent in the `User-Agent` header (`knotapi-node/<version>`). */
export const VERSION = '0.1.0';
