import fs from 'node:fs';
import path from 'node:path';
import { systemContext } from '../packages/server/src/audit/record';
import { importFiles } from '../packages/server/src/intake/import-files';
import { openIntakeServices } from '../packages/server/src/intake/services';
import { benchPlatform } from './support/database';

const dir = process.argv[2]!;
const platform = await benchPlatform();
const { deps } = platform;
const audit = systemContext(new Date(), 'bench');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
const services = await openIntakeServices(deps);
await importFiles(deps, services, files.slice(0, 2), { channel: 'cli', audit });
console.log('URL', platform.database.adminUrl);
await new Promise((r) => setTimeout(r, 3600_000));
