import { describe, expect, it } from 'vitest';
import { filterParams, filterQuery, filtersFrom, filtersFromParams } from './filters';

describe('the queue filter in the address', () => {
  it('reads every field, lists comma-separated', () => {
    const params = new URLSearchParams(
      'levels=2,1&statuses=new,in_review&province=0702200000&incidentTypes=online_enticement&assignee=me&q=200011833&sort=oldest&receivedFrom=2026-11-28T00:00:00.000Z',
    );
    expect(filtersFromParams(params)).toEqual({
      levels: [1, 2],
      statuses: ['new', 'in_review'],
      province: '0702200000',
      incidentTypes: ['online_enticement'],
      assignee: 'me',
      q: '200011833',
      sort: 'oldest',
      receivedFrom: '2026-11-28T00:00:00.000Z',
    });
  });

  it('drops what is not valid rather than breaking the queue (an old bookmark)', () => {
    const params = new URLSearchParams(
      'levels=1,7&statuses=lost&province=Cebu&assignee=bob&sort=random&receivedTo=yesterday',
    );
    expect(filtersFromParams(params)).toEqual({ levels: [1], sort: 'priority' });
  });

  it('reads a saved filter, whose lists are arrays', () => {
    expect(
      filtersFrom({ levels: [1], incidentTypes: ['child_pornography', 'nonsense'], sort: 'newest' }),
    ).toEqual({
      levels: [1],
      incidentTypes: ['child_pornography'],
      sort: 'newest',
    });
  });

  it('writes lists comma-joined, and leaves the default order out of the address', () => {
    const filters = { levels: [1, 2], region: '1300000000', sort: 'priority' as const };
    expect(filterQuery(filters)).toEqual({ levels: '1,2', region: '1300000000', sort: 'priority' });
    expect(filterParams(filters)).toEqual({ levels: '1,2', region: '1300000000' });
  });
});
