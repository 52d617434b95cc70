/**
 * Units of measure as takeoff and estimating tools spell them ("Lin Ft", "LF", "l.f.",
 * "Sq Ft", "ea") to one code each, so quantities in one unit add up and budgets compare
 * across revisions whatever the estimator typed.
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  LF: ['lf', 'lin ft', 'linft', 'linear ft', 'linear feet', 'linear foot', 'lineal feet', 'lnft', 'ln ft', 'l ft', 'ft', 'feet', 'foot'],
  SF: ['sf', 'sq ft', 'sqft', 'square feet', 'square foot', 'ft2', 'sq feet'],
  SY: ['sy', 'sq yd', 'sqyd', 'square yards', 'square yard', 'yd2'],
  CY: ['cy', 'cu yd', 'cuyd', 'cubic yards', 'cubic yard', 'yd3'],
  CF: ['cf', 'cu ft', 'cuft', 'cubic feet', 'cubic foot', 'ft3'],
  EA: ['ea', 'each', 'count', 'ct', 'pc', 'pcs', 'piece', 'pieces', 'unit', 'units'],
  HR: ['hr', 'hrs', 'hour', 'hours', 'mh', 'man hours'],
  LS: ['ls', 'lump sum', 'lumpsum'],
  SHT: ['sht', 'sheet', 'sheets', 'sh'],
  GAL: ['gal', 'gallon', 'gallons'],
  LB: ['lb', 'lbs', 'pound', 'pounds'],
  TON: ['ton', 'tons', 'tn'],
};

const CANONICAL = new Map(Object.entries(SPELLINGS).flatMap(([code, spellings]) => spellings.map((s) => [s, code] as const)));

/** "Lin Ft" -> "LF"; a unit not known here is kept, trimmed and upper-cased; blank -> null. */
export const normaliseUnit = (text: string | null | undefined): string | null => {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return null;
  const key = trimmed.toLowerCase().replace(/\./g, ' ').replace(/[_\s]+/g, ' ').trim();
  return CANONICAL.get(key) ?? CANONICAL.get(key.replace(/ /g, '')) ?? trimmed.toUpperCase();
};
