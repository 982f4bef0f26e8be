/**
 * The fake's static merchant catalogue. Ids are Knot's real ids (knot-api.md §7.3); `kind` drives
 * what the transaction generator invents for that merchant.
 */

/**
 * The kind of goods the fake generates for a merchant of its catalogue (e.g. `food` for DoorDash
 * (19), `retail` for Walmart (45) and Amazon (44), `rides` for Uber (10)).
 *
 * @example
 * ```ts
 * const kind: MerchantKind = 'grocery'; // Instacart (40), Gopuff (41)
 * ```
 */
export type MerchantKind = 'food' | 'grocery' | 'retail' | 'rides' | 'electronics';

export interface CatalogueMerchant {
  id: number;
  name: string;
  category: string;
  logo: string;
  kind: MerchantKind;
  domain: string;
  /** Products (`type` values of /merchant/list) this merchant supports. */
  types: readonly string[];
  minSdkVersion: string;
}

const ALL = ['card_switcher', 'transaction_link', 'shopping', 'vault', 'subscription_manager'] as const;
const TL = ['transaction_link', 'card_switcher'] as const;

function m(
  id: number,
  name: string,
  category: string,
  kind: MerchantKind,
  domain: string,
  types: readonly string[] = ALL,
  minSdkVersion = '1.0.0',
): CatalogueMerchant {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { id, name, category, kind, domain, types, minSdkVersion, logo: `https://knot.imgix.net/merchants/${slug}.png?auto=format&w=240` };
}

export const MERCHANTS: readonly CatalogueMerchant[] = [
  m(19, 'DoorDash', 'Food delivery', 'food', 'doordash.com', TL),
  m(36, 'Uber Eats', 'Food delivery', 'food', 'ubereats.com', TL),
  m(40, 'Instacart', 'Groceries', 'grocery', 'instacart.com', TL),
  m(41, 'Gopuff', 'Groceries', 'grocery', 'gopuff.com', TL, '1.2.0'),
  m(45, 'Walmart', 'Online shopping', 'retail', 'walmart.com'),
  m(44, 'Amazon', 'Online shopping', 'retail', 'amazon.com'),
  m(12, 'Target', 'Online shopping', 'retail', 'target.com'),
  m(165, 'Costco', 'Online shopping', 'retail', 'costco.com', TL, '1.3.0'),
  m(2125, 'Shop Pay', 'Online shopping', 'retail', 'shop.app', ['transaction_link', 'shopping'], '2.0.0'),
  m(10, 'Uber', 'Transportation', 'rides', 'uber.com', ['card_switcher', 'transaction_link']),
  m(7, 'Best Buy', 'Electronics', 'electronics', 'bestbuy.com'),
  m(16, 'Netflix', 'Streaming', 'electronics', 'netflix.com', ['card_switcher', 'subscription_manager']),
  m(13, 'Spotify', 'Streaming', 'electronics', 'spotify.com', ['card_switcher', 'subscription_manager']),
];

const BY_ID = new Map(MERCHANTS.map((merchant) => [merchant.id, merchant]));

export function findMerchant(id: number): CatalogueMerchant | undefined {
  return BY_ID.get(id);
}
