import { cents, parseMoney, type Cents } from '../shared/money.js';
import type { HoursAndMinutes } from './hours.js';

/**
 * What an entry costs: its duration as the books hold it (hours and whole minutes) times the
 * employee's hourly cost rate, rounded half up to the cent, on integers. Costing the posted
 * duration, not Procore's decimal hours, makes the hub's figure the one QuickBooks derives
 * from the TimeActivity's Hours, Minutes and CostRate.
 */
export const labourCost = (duration: HoursAndMinutes, costRate: string): Cents => {
  const minutes = BigInt(duration.hours * 60 + duration.minutes);
  const rate = BigInt(parseMoney(costRate));
  return cents(Number((minutes * rate * 2n + 60n) / 120n));
};
