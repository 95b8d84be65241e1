import { weightedTable } from './random';

/**
 * Philippine reference data for synthetic reports: real region, province and city names,
 * real mobile prefixes and operator IP prefixes (issue 3 notes, sections 7 and 8), and
 * syllables for fictional names. No person here is real.
 */

/** Mobile prefixes (national, without the 0) valid under libphonenumber-js/max; 904, 913, 940, 941 fail it. */
export const PH_MOBILE_PREFIXES = {
  Globe: words('817 905 906 915 916 917 926 927 935 936 937 945 955 956'),
  TM: words('965 966 967 973 975 976 977 978 979 995 996 997'),
  Smart: words('813 907 908 909 910 911 912 914 918 919 920 921 928 929'),
  TNT: words('930 938 939 946 947 948 949 950 951 961 970 981 989 998 999'),
  Sun: words('922 923 924 925 931 932 933 934 942 943 944'),
  DITO: words('895 896 897 898 991 993'),
} as const;

export const PH_MOBILE_PREFIX_LIST: readonly string[] = Object.values(PH_MOBILE_PREFIXES).flat();

/** Operator IPv4 prefixes that geolocate to the Philippines (section 8). */
export const PH_IP_RANGES = {
  broadband: weightedTable<string>([
    ['112.200.0.0/13', 30], // PLDT
    ['49.144.0.0/13', 20], // PLDT
    ['180.192.0.0/14', 8], // PLDT
    ['136.158.0.0/17', 15], // Converge
    ['27.49.128.0/17', 6], // Converge
    ['143.44.128.0/17', 6], // Converge
    ['203.177.0.0/19', 5], // Globe
    ['216.247.0.0/18', 5], // Globe
  ]),
  /** Mobile carriers share public addresses behind carrier-grade NAT: the source port matters. */
  mobile: weightedTable<string>([
    ['175.176.0.0/17', 35], // Smart
    ['121.54.0.0/17', 15], // Smart
    ['112.198.32.0/19', 25], // Globe
    ['112.198.128.0/19', 15], // Globe
    ['120.28.64.0/19', 10], // Globe
  ]),
} as const;

/** RFC 6598 shared address space, as some platforms log it behind a carrier's NAT. */
export const CGNAT_RANGE = '100.64.0.0/10';

export type PhPlace = { region: string; province: string; city: string };

/** Weights follow where OSEC cases concentrate: Central Visayas and Metro Manila first. */
const PLACES: readonly (readonly [PhPlace, number])[] = [
  ...cities('Central Visayas', 'Cebu', ['Cebu City', 'Lapu-Lapu City', 'Mandaue City', 'Talisay City'], 5),
  ...cities('Central Visayas', 'Cebu', ['Cordova', 'Consolacion', 'Minglanilla', 'Liloan'], 3),
  ...cities('Central Visayas', 'Bohol', ['Tagbilaran City', 'Panglao'], 1.5),
  ...cities('National Capital Region', 'Metro Manila', ['Manila', 'Quezon City', 'Caloocan', 'Taguig'], 3),
  ...cities(
    'National Capital Region',
    'Metro Manila',
    ['Pasay', 'Pasig', 'Parañaque', 'Navotas', 'Malabon'],
    1.6,
  ),
  ...cities('Calabarzon', 'Laguna', ['Calamba', 'San Pedro', 'Santa Rosa'], 1.2),
  ...cities('Calabarzon', 'Cavite', ['Bacoor', 'Dasmariñas', 'Imus'], 1.2),
  ...cities('Calabarzon', 'Rizal', ['Antipolo', 'Cainta'], 1),
  ...cities('Central Luzon', 'Pampanga', ['Angeles City', 'City of San Fernando', 'Mabalacat'], 1.5),
  ...cities('Central Luzon', 'Bulacan', ['Malolos', 'San Jose del Monte', 'Meycauayan'], 1),
  ...cities('Western Visayas', 'Iloilo', ['Iloilo City', 'Oton', 'Pavia'], 1.6),
  ...cities('Western Visayas', 'Aklan', ['Kalibo'], 0.8),
  ...cities('Negros Island Region', 'Negros Occidental', ['Bacolod', 'Silay', 'Talisay'], 1.2),
  ...cities('Negros Island Region', 'Negros Oriental', ['Dumaguete'], 1),
  ...cities('Davao Region', 'Davao del Sur', ['Davao City', 'Digos'], 2),
  ...cities('Davao Region', 'Davao del Norte', ['Tagum', 'Panabo'], 0.8),
  ...cities('Northern Mindanao', 'Misamis Oriental', ['Cagayan de Oro', 'Gingoog'], 1.5),
  ...cities('Northern Mindanao', 'Bukidnon', ['Valencia', 'Malaybalay'], 0.6),
  ...cities('Eastern Visayas', 'Leyte', ['Tacloban City', 'Ormoc'], 1),
  ...cities('Zamboanga Peninsula', 'Zamboanga del Sur', ['Zamboanga City', 'Pagadian'], 0.6),
  ...cities('Soccsksargen', 'South Cotabato', ['General Santos', 'Koronadal'], 0.6),
  ...cities('Ilocos Region', 'Pangasinan', ['Dagupan', 'Urdaneta'], 0.4),
  ...cities('Bicol Region', 'Camarines Sur', ['Naga City'], 0.6),
  ...cities('Bicol Region', 'Albay', ['Legazpi'], 0.5),
  ...cities('Caraga', 'Agusan del Norte', ['Butuan'], 0.5),
  ...cities('Mimaropa', 'Palawan', ['Puerto Princesa'], 0.5),
  ...cities('Cordillera Administrative Region', 'Benguet', ['Baguio City'], 0.4),
  ...cities('Cagayan Valley', 'Cagayan', ['Tuguegarao'], 0.3),
  ...cities(
    'Bangsamoro Autonomous Region in Muslim Mindanao',
    'Maguindanao del Norte',
    ['Cotabato City'],
    0.3,
  ),
];

function cities(region: string, province: string, names: string[], weight: number): [PhPlace, number][] {
  return names.map((city) => [{ region, province, city }, weight]);
}

export const PH_PLACES = weightedTable(PLACES);

/** Given names and syllables for fictional Filipino-sounding people (combined, never a real person). */
export const PH_GIVEN = words(
  'Mae Lyn Joy Ann Rose Grace Jhon Rey Mark Jun Jay Kris Lovely Princess Jonel Rolan Dindo Marites Lorna Nenita ' +
    'Arnel Ronaldo Analyn Rowena Jericho Mylene Cherry Aileen Rommel Edgardo Jocelyn Maricel Rhea Jovelyn Niño',
);
export const PH_SURNAME_HEAD = words('Ma Ba Da Sa Ta Ca Pa La Vi Bu Go Ri Ya Qui Pe');
export const PH_SURNAME_MID = words('la ngo ri ba ño gan bal lon tan ca do sa ma bi');
export const PH_SURNAME_TAIL = words('an on ez o ia uy ing ay eza il ero ada');

/** Neutral parts for the account names of children: plain words only. */
export const CHILD_HANDLE_PARTS = words('sky star dino gamer mika jeje luna pixel mochi ube');

export function words(text: string): readonly string[] {
  return text.split(' ');
}
