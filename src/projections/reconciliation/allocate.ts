/**
 * Splits `total` cents over `weights` in proportion, exactly: floor shares, then the
 * leftover cents one each to the largest remainders (ties to the earlier line).
 */
export const allocate = (total: number, weights: readonly number[]): number[] => {
  const sum = weights.reduce((s, w) => s + BigInt(Math.abs(w)), 0n);
  if (sum === 0n || total === 0) return weights.map(() => 0);
  const whole = BigInt(Math.abs(total));
  const shares = weights.map((w) => (whole * BigInt(Math.abs(w))) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (whole * BigInt(Math.abs(w))) % sum }));
  let left = whole - shares.reduce((s, x) => s + x, 0n);
  for (const { i } of remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map((s) => Math.sign(total) * Number(s));
};
