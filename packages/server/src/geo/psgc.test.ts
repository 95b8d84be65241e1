import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/helpers';
import { IpLocator } from './ip-location';
import { placeKey, PsgcDirectory } from './psgc';

let server: TestServer;
let psgc: PsgcDirectory;
beforeAll(async () => {
  server = await testServer();
  psgc = await PsgcDirectory.load(server.deps.db);
});
afterAll(async () => server.close());

describe('PSGC table', () => {
  it('holds 18 regions, 82 provinces and 1 642 cities and municipalities', async () => {
    const counts = await server.deps.db
      .selectFrom('psgc_area')
      .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('level')
      .execute();
    const by = Object.fromEntries(counts.map((c) => [c.level, Number(c.n)]));
    expect(by.region).toBe(18);
    expect(by.province).toBe(82);
    expect((by.city ?? 0) + (by.municipality ?? 0)).toBe(1642);
  });

  it.each([
    ['Central Visayas', '0700000000'],
    ['Region VII (Central Visayas)', '0700000000'],
    ['NCR', '1300000000'],
    ['Metro Manila', '1300000000'],
    ['Calabarzon', '0400000000'],
    ['Autonomous Region in Muslim Mindanao', '1900000000'],
    ['Nowhere', null],
  ])('reads the region "%s" as %s', (name, code) => {
    expect(psgc.region(name)).toBe(code);
  });

  it('finds a city within its region, and refuses to guess an ambiguous name', () => {
    expect(psgc.place('Cebu City', '0700000000')?.code).toBe('0730600000');
    expect(psgc.place('Lapu-Lapu City', '0700000000')?.name).toMatch(/Lapu/);
    expect(psgc.place('San Jose')).toBeNull();
    expect(placeKey('Sto. Niño')).toBe('santo nino');
  });
});

describe('IP geolocation', () => {
  it('places a Philippine address offline, and nothing for private or carrier-grade NAT space', async () => {
    const locator = await IpLocator.open();
    expect(locator.locate('112.198.0.1')?.countryCode).toBe('PH');
    expect(locator.locate('10.0.0.1')).toBeNull();
    expect(locator.locate('100.64.0.1')).toBeNull();
  });
});
