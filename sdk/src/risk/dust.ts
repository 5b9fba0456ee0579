/**
 * Next to nothing of a token: one base unit, or less than a millionth of a whole token (when its decimals are
 * known). Orders that drain a wallet ask for such dust in return so that they do not look like gifts, and
 * address poisoners send it so that their look-alike shows in the shopper's transfers.
 */
export function isDust(amount: bigint, decimals: number): boolean {
  return amount <= 1n || (decimals > 6 && amount < 10n ** BigInt(decimals - 6));
}
