import { describe, expect, it } from 'vitest';
import { isRejection, normaliseIdentifier } from '../identifiers';
import type { RawIdentifier, ReportDraft } from '../intake/report';
import { generateKnownHashSet, knownHash, pdqDistance } from './hash-sets';
import { generateReports, type SyntheticReport } from './reports';
import { isHub } from './world';

/** Reports that share an identifier fall in one cluster (the linker's rule, minus its refinements). */
function clusterSizes(drafts: ReportDraft[], skip: (identifier: RawIdentifier) => boolean): number[] {
  const parent = drafts.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) [i, parent[i]] = [parent[i]!, root];
    return root;
  };
  const firstSeen = new Map<string, number>();
  drafts.forEach((draft, i) => {
    for (const person of draft.persons) {
      for (const identifier of person.identifiers) {
        if (skip(identifier)) continue;
        const key = `${identifier.kind}|${identifier.platform ?? ''}|${identifier.value.toLowerCase()}`;
        const seen = firstSeen.get(key);
        if (seen === undefined) firstSeen.set(key, i);
        else parent[find(i)] = find(seen);
      }
    }
  });
  const sizes = new Map<number, number>();
  drafts.forEach((_, i) => sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1));
  return [...sizes.values()].sort((a, b) => b - a);
}

function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.filter(test).length / items.length;
}

describe('realism of 20 000 synthetic reports', { timeout: 60_000 }, () => {
  const reports: SyntheticReport[] = [
    ...generateReports({ seed: 'realism', count: 20_000, knownHashCount: 5000 }),
  ];
  const drafts = reports.map((r) => r.draft);
  const files = drafts.flatMap((d) => d.files);

  it('mix incident types as Philippine referrals do: mostly CSAM, then enticement, some trafficking', () => {
    expect(share(drafts, (d) => d.incidentType === 'child_pornography')).toBeCloseTo(0.58, 1);
    expect(share(drafts, (d) => d.incidentType === 'online_enticement')).toBeCloseTo(0.3, 1);
    const trafficking = share(drafts, (d) => d.incidentType === 'child_sex_trafficking');
    expect(trafficking).toBeGreaterThan(0.05);
    expect(trafficking).toBeLessThan(0.11);
    expect(new Set(drafts.map((d) => d.incidentType)).size).toBe(8);
  });

  it('escalate about 1 % and annotate some as sextortion or solicitation', () => {
    const escalated = share(drafts, (d) => d.escalationReason !== undefined);
    expect(escalated).toBeGreaterThan(0.005);
    expect(escalated).toBeLessThan(0.016);
    expect(share(drafts, (d) => d.annotations.includes('sextortion'))).toBeGreaterThan(0.01);
    expect(share(drafts, (d) => d.annotations.includes('csamSolicitation'))).toBeGreaterThan(0.05);
  });

  it('draw the asked share of files from the known set, by exact hash or by a PDQ a few bits away', () => {
    const known = reports.reduce((n, r) => n + r.truth.knownFiles.length, 0);
    expect(known / files.length).toBeCloseTo(0.3, 1);
    const set = new Map([...generateKnownHashSet({ seed: 'realism', count: 5000 })].map((h) => [h.md5, h]));
    let exact = 0;
    for (const report of reports.slice(0, 4000)) {
      const knownIndexes = [...report.truth.knownFiles];
      for (const file of report.draft.files) {
        const md5 = file.hashes.find((h) => h.type === 'md5')!.value;
        const pdq = file.hashes.find((h) => h.type === 'pdq');
        if (set.has(md5)) {
          exact++;
          knownIndexes.shift();
        } else if (
          knownIndexes.length &&
          pdq &&
          pdqDistance(pdq.value, knownHash('realism', knownIndexes[0]!).pdq) <= 8
        ) {
          knownIndexes.shift();
        }
      }
      expect(knownIndexes, report.draft.externalId).toEqual([]);
    }
    expect(exact).toBeGreaterThan(0);
  });

  it('honour knownHashShare at its extremes', () => {
    const none = [...generateReports({ seed: 'x', count: 300, knownHashShare: 0 })];
    expect(none.every((r) => r.truth.knownFiles.length === 0)).toBe(true);
    const all = [...generateReports({ seed: 'x', count: 300, knownHashShare: 1 })];
    expect(all.every((r) => r.truth.knownFiles.length === r.draft.files.length)).toBe(true);
  });

  it('annotate files as the brief says: live streaming ~10 %, infant ~2 %, generative AI ~3 %, viewed ~90 %', () => {
    expect(share(files, (f) => f.annotations.includes('liveStreaming'))).toBeCloseTo(0.1, 1);
    expect(share(files, (f) => f.annotations.includes('infant'))).toBeCloseTo(0.02, 1);
    expect(share(files, (f) => f.annotations.includes('generativeAi'))).toBeCloseTo(0.03, 1);
    expect(share(files, (f) => f.viewedByEsp === true)).toBeCloseTo(0.9, 1);
  });

  it('form clusters with a heavy tail: many singletons, some of 10–200, none huge once hubs are set aside', () => {
    const sizes = clusterSizes(drafts, (identifier) => isHub(identifier.value));
    const largest = sizes[0]!;
    expect(largest).toBeLessThan(drafts.length * 0.05);
    expect(largest).toBeGreaterThanOrEqual(50);
    expect(sizes.filter((s) => s >= 10).length).toBeGreaterThan(50);
    expect(sizes.filter((s) => s === 1).length / sizes.length).toBeGreaterThan(0.3);
    // Hubs would chain unrelated rings together: that is what the linker's hub rules are for.
    const withHubs = clusterSizes(drafts, () => false);
    expect(withHubs[0]!).toBeGreaterThan(largest * 2);
  });

  it("give identifiers that Bantay's normaliser accepts, flagging carrier NAT, proxies and placeholders", () => {
    const flags = new Set<string>();
    for (const draft of drafts.slice(0, 3000)) {
      const identifiers = [
        ...draft.persons.flatMap((p) => p.identifiers),
        ...draft.files.flatMap((f) => f.identifiers),
      ];
      for (const identifier of identifiers) {
        const result = normaliseIdentifier(identifier);
        if (isRejection(result)) throw new Error(`${identifier.kind} ${identifier.value}: ${result.reason}`);
        for (const flag of result.flags) flags.add(`${identifier.kind}:${flag}`);
      }
    }
    expect([...flags]).toEqual(
      expect.arrayContaining(['ip:cgnat', 'ip:proxy', 'email:placeholder', 'phone:mobile']),
    );
  });

  it('put hub identifiers in about 2 % of reports', () => {
    const hub = share(reports, (r) => r.truth.hub);
    expect(hub).toBeGreaterThan(0.01);
    expect(hub).toBeLessThan(0.03);
    const withHub = share(drafts, (d) => d.persons.some((p) => p.identifiers.some((i) => isHub(i.value))));
    expect(withHub).toBeCloseTo(hub, 2);
  });

  it('involve foreign recipients and young children often enough for the priority factors to matter', () => {
    expect(share(drafts, (d) => d.persons.some((p) => p.role === 'recipient'))).toBeGreaterThan(0.4);
    const victims = drafts.flatMap((d) => d.persons.filter((p) => p.role === 'victim'));
    expect(share(victims, (v) => (v.ageYears ?? 99) <= 12)).toBeGreaterThan(0.35);
    expect(share(drafts, (d) => d.persons.some((p) => p.role === 'associated'))).toBeGreaterThan(0.05);
  });
});
