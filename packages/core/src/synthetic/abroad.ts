import { type Random, weightedTable } from './random';
import { words } from './philippines';

/**
 * Countries the synthetic customers live in, with mobile numbers that libphonenumber-js/max
 * accepts and city names for estimated locations. Numbers are random, not anyone's.
 */

export type Country = {
  code: string;
  callingCode: string;
  /** A national significant number for a mobile (or US/CA mixed) line. */
  mobile: (random: Random) => string;
  cities: readonly string[];
};

const US_AREAS = [
  ['212', 'New York'],
  ['415', 'San Francisco'],
  ['312', 'Chicago'],
  ['713', 'Houston'],
  ['206', 'Seattle'],
  ['305', 'Miami'],
  ['702', 'Las Vegas'],
  ['602', 'Phoenix'],
] as const;
const CA_AREAS = [
  ['416', 'Toronto'],
  ['604', 'Vancouver'],
  ['403', 'Calgary'],
  ['613', 'Ottawa'],
] as const;

/** North American numbers: exchange 2xx–9xx but never 555 (reserved for fiction and directory). */
function northAmerican(areas: readonly (readonly [string, string])[]) {
  return (random: Random): string => {
    let exchange = random.int(200, 999);
    if (exchange === 555) exchange = 556;
    return `${random.pick(areas)[0]}${exchange}${random.digits(4)}`;
  };
}

export const COUNTRIES: readonly (readonly [Country, number])[] = [
  [{ code: 'US', callingCode: '1', mobile: northAmerican(US_AREAS), cities: US_AREAS.map(([, c]) => c) }, 30],
  [
    {
      code: 'AU',
      callingCode: '61',
      mobile: (r) => `4${r.int(0, 3)}${r.digits(7)}`,
      cities: words('Sydney Melbourne Brisbane Perth Adelaide'),
    },
    16,
  ],
  [
    {
      code: 'GB',
      callingCode: '44',
      mobile: (r) => `77${r.int(1, 7)}${r.digits(7)}`,
      cities: words('London Manchester Birmingham Leeds Glasgow'),
    },
    15,
  ],
  [{ code: 'CA', callingCode: '1', mobile: northAmerican(CA_AREAS), cities: CA_AREAS.map(([, c]) => c) }, 8],
  [
    {
      code: 'DE',
      callingCode: '49',
      mobile: (r) => `15${r.pick(['1', '2', '7'])}${r.digits(8)}`,
      cities: words('Berlin Hamburg Munich Cologne Frankfurt'),
    },
    6,
  ],
  [
    {
      code: 'SE',
      callingCode: '46',
      mobile: (r) => `7${r.pick(['0', '2', '3', '6'])}${r.digits(7)}`,
      cities: words('Stockholm Gothenburg Malmö Uppsala'),
    },
    5,
  ],
  [
    {
      code: 'NO',
      callingCode: '47',
      mobile: (r) => `${r.pick(['40', '41', '46', '47', '48', '90', '93', '95', '97', '98'])}${r.digits(6)}`,
      cities: words('Oslo Bergen Trondheim Stavanger'),
    },
    4,
  ],
  [
    {
      code: 'NL',
      callingCode: '31',
      mobile: (r) => `6${r.int(1, 5)}${r.digits(7)}`,
      cities: words('Amsterdam Rotterdam Utrecht Eindhoven'),
    },
    5,
  ],
  [
    { code: 'SG', callingCode: '65', mobile: (r) => `${r.int(81, 98)}${r.digits(6)}`, cities: ['Singapore'] },
    4,
  ],
];

export const COUNTRY_TABLE = weightedTable(COUNTRIES);

export const FOREIGN_GIVEN = words(
  'Gary Neil Wayne Craig Dale Trevor Glenn Stuart Barry Keith Lars Jens Dirk Henrik Pieter Colin Murray Darren',
);
export const FOREIGN_SURNAME_HEAD = words(
  'Ash Brook Clay Dun Fen Hal Kel Mar Pem Ross Stan Thorn Wel Hol Brad',
);
export const FOREIGN_SURNAME_TAIL = words('by ford ley ton wick more den field ham well');

/** Mailbox domains: reserved example domains, or a made-up mailbox at a large provider. */
export const MAIL_DOMAINS = words('example.com example.net example.org gmail.com yahoo.com outlook.com');

/** Remittance and payment services a customer pays through. */
export const REMITTANCE_SERVICES = words('PayPal Remitly WorldRemit WesternUnion');
