// set by scripts/build-server.mjs (esbuild define); absent when the TypeScript sources run
declare const __WINBACK_BUILT__: boolean | undefined

/**
 * Whether this code runs from the build (dist/server) rather than from the TypeScript sources: the
 * worker threads then start from their built files next to it instead of TypeScript entries.
 */
export const runsFromBuild = typeof __WINBACK_BUILT__ !== 'undefined' && __WINBACK_BUILT__
