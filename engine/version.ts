/** Recorded in every result so a replay can tell which engine produced it. */
export const ENGINE_VERSION = '0.1.0';
