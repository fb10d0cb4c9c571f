/** A repeated run's probe readings over its seeds, combined as each probe declares (lead seed or median). */
import { medianReading, type ProbeDeclaration, type ProbeReadings } from './declaration';

/** `perSeed[0]` is the lead seed's; null when the lead seed has no diagnosed step in this tick. */
export function combineSeedReadings(declarations: readonly ProbeDeclaration[], perSeed: readonly (ProbeReadings | null)[]): ProbeReadings | null {
  const lead = perSeed[0];
  if (!lead) return null;
  const combined: ProbeReadings = {};
  for (const declaration of declarations) {
    const reading = lead[declaration.name];
    if (!reading) continue;
    const readings = perSeed.flatMap((r) => (r?.[declaration.name] ? [r[declaration.name]] : []));
    combined[declaration.name] = declaration.seeds === 'median' && readings.length > 1 ? medianReading(declaration, readings) : reading;
  }
  return combined;
}
