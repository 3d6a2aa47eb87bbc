/**
 * Half-up to one decimal. value*10 is first cut to 12 significant digits so binary noise
 * (66.65 stored as 66.6499999…) does not decide the rounding.
 */
export function roundToTenth(value: number): number {
  return Math.round(Number((value * 10).toPrecision(12))) / 10;
}
