// Names shared by the plugin (main process) and the worker side, kept apart so a worker never
// loads the plugin's option schema.

/** Where a Vitest file task's meta holds the gates of that file (for `--merge-reports`). */
export const META_KEY = 'steadfastPerf'
