/** A duration as QuickBooks TimeActivity takes it: whole hours and minutes (0-59). */
export interface HoursAndMinutes {
  readonly hours: number;
  readonly minutes: number;
}

const DECIMAL_HOURS = /^(\d{1,2})(?:\.(\d{1,6}))?$/;

/**
 * Procore's decimal hours string to hours and minutes, on integers only: "7.50" is 7 h 30 min,
 * "0.25" is 15 min. A fraction that is not a whole number of minutes ("7.33" = 7 h 19.8 min)
 * rounds half up to the minute, since minutes are all the books hold. Null when not a number of
 * hours.
 */
export const hoursAndMinutes = (text: string): HoursAndMinutes | null => {
  const match = DECIMAL_HOURS.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = match[2] ?? '';
  const scale = 10 ** fraction.length;
  const minutes = Math.floor((Number(fraction || '0') * 120 + scale) / (2 * scale));
  return minutes === 60 ? { hours: whole + 1, minutes: 0 } : { hours: whole, minutes };
};
