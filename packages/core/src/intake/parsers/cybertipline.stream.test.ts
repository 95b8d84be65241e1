import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { parseCyberTiplineXml } from './cybertipline';

const TOTAL_BYTES = 40 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const SUMMARY =
  'The reported user sent repeated messages asking for photos and offered mobile load in exchange; the conversation then moved to another app. '.repeat(
    18,
  );

/** A full garbage collection, so the heap figure is what is still held, not what awaits collection. */
function exposeGc(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

/** About 4 KB of synthetic report, varied so no two are alike. */
function syntheticReport(n: number): string {
  const hex = n.toString(16).padStart(8, '0');
  return `<report id="${900_000_000 + n}">
  <incidentSummary><incidentType>Online Enticement of Children for Sexual Acts</incidentType><platform>Chatterbox</platform><reportAnnotations><sextortion/></reportAnnotations><incidentDateTime>2025-03-14T21:05:00+08:00</incidentDateTime></incidentSummary>
  <reporter><reportingPerson><email>tips@chatterbox.example.test</email></reportingPerson></reporter>
  <personOrUserReported><personOrUserReportedPerson><firstName>Juan</firstName><lastName>Dela Prueba</lastName><phone countryCallingCode="+63">91755501${String(n % 100).padStart(2, '0')}</phone><email>user${n}@example.test</email></personOrUserReportedPerson><espIdentifier>cb-${n}</espIdentifier><screenName>user_${n}</screenName><ipCaptureEvent><ipAddress>112.198.${(n >> 8) % 256}.${n % 256}</ipAddress><eventName>Login</eventName><dateTime>2025-03-14T20:59:12Z</dateTime><port>${n % 65_536}</port></ipCaptureEvent></personOrUserReported>
  <victim><victimPerson><age>14</age></victimPerson><screenName>v_${n}</screenName></victim>
  <additionalInfo>Report ${n}. ${SUMMARY}</additionalInfo>
  <fileDetails><fileId>f${n}</fileId><originalFileHash hashType="MD5">${hex.repeat(4)}</originalFileHash><originalFileHash hashType="SHA256">${hex.repeat(8)}</originalFileHash></fileDetails>
</report>
`;
}

/** 40 MB of reports made on the fly (the intake benchmark streams far more), never written to disk nor held whole. */
async function* generatedFile(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode('<?xml version="1.0" encoding="UTF-8"?>\n<reports>\n');
  let sent = 0;
  let n = 0;
  while (sent < TOTAL_BYTES) {
    const reports: string[] = [];
    for (let length = 0; length < CHUNK_BYTES; n++) {
      const text = syntheticReport(n);
      reports.push(text);
      length += text.length;
    }
    const bytes = encoder.encode(reports.join(''));
    sent += bytes.length;
    yield bytes;
  }
  yield encoder.encode('</reports>\n');
}

it('parses a 40 MB file report by report with flat memory', { timeout: 180_000 }, async () => {
  const gc = exposeGc();
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  let parsed = 0;
  let problems = 0;
  const started = performance.now();
  for await (const item of parseCyberTiplineXml(generatedFile())) {
    if (item.ok) parsed += 1;
    else problems += 1;
    if (item.index % 10_000 === 9_999) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  gc();
  const after = process.memoryUsage().heapUsed - before;
  const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.info(
    `40 MB: ${parsed} reports in ${seconds.toFixed(1)} s (${Math.round(parsed / seconds)} reports/s, ` +
      `${(TOTAL_BYTES / 1024 / 1024 / seconds).toFixed(1)} MB/s); heap growth peak ${megabytes(peak)} MB, after ${megabytes(after)} MB`,
  );
  expect(problems).toBe(0);
  expect(parsed).toBeGreaterThan(10_000);
  expect(peak).toBeLessThan(50 * 1024 * 1024);
  expect(after).toBeLessThan(50 * 1024 * 1024);
});
