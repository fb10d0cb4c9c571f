/**
 * Network size limits: the schema allows what real data may need; the 2-D sets keep the teaching-scale
 * limits (engine/data/problem.ts networkLimitsFor), which sanitizeConfig enforces with a message.
 */
import { REAL_DATA_LIMITS } from '../../engine/data/problem';

export { networkLimitsFor, PLANE_LIMITS, REAL_DATA_LIMITS } from '../../engine/data/problem';

export const MAX_HIDDEN_LAYERS: number = REAL_DATA_LIMITS.layers;
export const MAX_UNITS: number = REAL_DATA_LIMITS.units;
