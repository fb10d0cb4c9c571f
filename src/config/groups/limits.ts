/** Network size limits of the playground. */
export const MAX_HIDDEN_LAYERS = 6;
export const MAX_UNITS = 64;
