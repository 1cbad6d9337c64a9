/** File names from paths without node:path (browser-safe): the last segment, "/" or "\" separated. */
export const basenameOf = (path: string): string => path.split(/[\\/]/).pop() || path;
