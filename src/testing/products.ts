/** Realistic-looking product data per merchant kind, for the transaction generator. */
import type { MerchantKind } from './catalogue.js';

/** [name, unit price in cents, FSA/HSA eligible] */
export type ProductSeed = readonly [name: string, cents: number, fsa: boolean];

const FOOD: readonly ProductSeed[] = [
  ['Margherita Pizza', 1499, false],
  ['Pepperoni Pizza', 1699, false],
  ['Chicken Burrito', 1149, false],
  ['Carne Asada Tacos', 1299, false],
  ['Spicy Tuna Roll', 899, false],
  ['Salmon Nigiri (2 pc)', 749, false],
  ['Pad Thai', 1399, false],
  ['Kung Pao Chicken', 1349, false],
  ['Double Cheeseburger', 1099, false],
  ['Sweet Potato Fries', 499, false],
  ['Caesar Salad', 1049, false],
  ['Grain Bowl with Tofu', 1249, false],
  ['Iced Oat Latte', 575, false],
  ['Chocolate Chip Cookie', 325, false],
  ['Sparkling Water', 250, false],
];

const RESTAURANTS = [
  "Tony's Pizzeria",
  'Taqueria El Sol',
  'Sakura Sushi',
  'Bangkok Garden',
  'Golden Dragon',
  'Burger Barn',
  'Green Bowl Co.',
  'Blue Bottle Coffee',
] as const;

const GROCERY: readonly ProductSeed[] = [
  ['Organic Bananas (bunch)', 199, false],
  ['Whole Milk, 1 gal', 449, false],
  ['Large Brown Eggs, 12 ct', 529, false],
  ['Sourdough Bread', 599, false],
  ['Baby Spinach, 5 oz', 399, false],
  ['Chicken Breast, 1 lb', 699, false],
  ['Greek Yogurt, 32 oz', 649, false],
  ['Avocados, 4 ct', 500, false],
  ['Ibuprofen Tablets, 100 ct', 899, true],
  ['Allergy Relief, 30 ct', 1499, true],
  ['Sunscreen SPF 50', 1099, true],
  ['Paper Towels, 6 rolls', 1299, false],
];

const STORES = ['Safeway', 'Costco', 'Whole Foods Market', 'Sprouts', 'CVS'] as const;

const RETAIL: readonly ProductSeed[] = [
  ['Wireless Earbuds', 4999, false],
  ['USB-C Charging Cable, 6 ft', 1299, false],
  ['Stainless Steel Water Bottle', 2499, false],
  ['Cotton Crew Socks, 6 pk', 1599, false],
  ['LED Desk Lamp', 3499, false],
  ['Digital Thermometer', 1299, true],
  ['First Aid Kit, 100 pc', 2199, true],
  ['Contact Lens Solution', 1049, true],
  ['Blood Pressure Monitor', 4499, true],
  ['Reading Glasses', 1899, true],
  ['Laundry Detergent, 92 oz', 1397, false],
  ['Paperback Novel', 1699, false],
  ['Yoga Mat', 2999, false],
  ['Coffee Beans, 2 lb', 2249, false],
  ['Bluetooth Speaker', 5999, false],
];

const MARKETPLACE_SELLERS = ['Anker Direct', 'HomeGoods Outlet', 'TechDeals LLC', 'GreenLeaf Supply'] as const;

const RIDES: readonly ProductSeed[] = [
  ['UberX trip', 1850, false],
  ['Uber Comfort trip', 2675, false],
  ['UberXL trip', 3410, false],
  ['Uber Green trip', 1990, false],
];

const ELECTRONICS: readonly ProductSeed[] = [
  ['27" 4K Monitor', 32999, false],
  ['Mechanical Keyboard', 8999, false],
  ['Wireless Mouse', 2999, false],
  ['Noise Cancelling Headphones', 29999, false],
  ['Portable SSD 1 TB', 10999, false],
  ['HDMI Cable, 2 pk', 1499, false],
  ['Monthly subscription', 1549, false],
];

export interface KindProfile {
  products: readonly ProductSeed[];
  /** Seller names: restaurants or stores for delivery apps, marketplace sellers for retail. */
  sellers: readonly string[];
  /** Probability that a product has a third-party seller. */
  sellerRate: number;
  maxProducts: number;
  maxQuantity: number;
  /** Typical statuses, weighted. */
  statuses: ReadonlyArray<readonly [string, number]>;
  shippingRate: number;
  tipRate: number;
  feeRate: number;
  shippingFeeRate: number;
  loyaltyProgram: string;
}

export const PROFILES: Record<MerchantKind, KindProfile> = {
  food: {
    products: FOOD,
    sellers: RESTAURANTS,
    // The rest are the platform's own store (e.g. DashMart): seller null, never {}.
    sellerRate: 0.92,
    maxProducts: 4,
    maxQuantity: 3,
    statuses: [
      ['COMPLETED', 10],
      ['DELIVERED', 6],
      ['PICKED_UP', 2],
      ['CANCELLED', 1],
    ],
    shippingRate: 0.85,
    tipRate: 0.8,
    feeRate: 0.9,
    shippingFeeRate: 0.3,
    loyaltyProgram: 'Membership',
  },
  grocery: {
    products: GROCERY,
    sellers: STORES,
    sellerRate: 0.95,
    maxProducts: 6,
    maxQuantity: 4,
    statuses: [
      ['DELIVERED', 10],
      ['COMPLETED', 4],
      ['PICKED_UP', 2],
      ['REFUNDED', 1],
    ],
    shippingRate: 0.9,
    tipRate: 0.7,
    feeRate: 0.8,
    shippingFeeRate: 0.4,
    loyaltyProgram: 'Express',
  },
  retail: {
    products: RETAIL,
    sellers: MARKETPLACE_SELLERS,
    sellerRate: 0.25,
    maxProducts: 4,
    maxQuantity: 2,
    statuses: [
      ['DELIVERED', 10],
      ['SHIPPED', 3],
      ['ORDERED', 2],
      ['RETURNED', 1],
      ['BILLED', 1],
    ],
    shippingRate: 0.8,
    tipRate: 0,
    feeRate: 0.05,
    shippingFeeRate: 0.35,
    loyaltyProgram: 'Plus',
  },
  rides: {
    products: RIDES,
    sellers: [],
    sellerRate: 0,
    maxProducts: 1,
    maxQuantity: 1,
    statuses: [
      ['COMPLETED', 12],
      ['CANCELLED', 1],
    ],
    shippingRate: 0,
    tipRate: 0.6,
    feeRate: 0.9,
    shippingFeeRate: 0,
    loyaltyProgram: 'One',
  },
  electronics: {
    products: ELECTRONICS,
    sellers: [],
    sellerRate: 0,
    maxProducts: 3,
    maxQuantity: 2,
    statuses: [
      ['DELIVERED', 8],
      ['SHIPPED', 2],
      ['PICKED_UP', 2],
      ['COMPLETED', 2],
    ],
    shippingRate: 0.7,
    tipRate: 0,
    feeRate: 0.1,
    shippingFeeRate: 0.3,
    loyaltyProgram: 'Rewards',
  },
};

export const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara'] as const;
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov'] as const;
export const ADDRESSES = [
  ['123 Main St', 'Floor 4', 'Los Angeles', 'CA', '90012'],
  ['55 Water St', null, 'New York', 'NY', '10041'],
  ['1600 Amphitheatre Pkwy', 'Bldg 40', 'Mountain View', 'CA', '94043'],
  ['410 Terry Ave N', null, 'Seattle', 'WA', '98109'],
  ['700 Congress Ave', 'Apt 12B', 'Austin', 'TX', '78701'],
  ['233 S Wacker Dr', null, 'Chicago', 'IL', '60606'],
] as const;
export const CARD_BRANDS = ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER'] as const;
