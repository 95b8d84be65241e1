import { IDENTIFIER_KINDS, type IdentifierKind } from '@bantay/core/intake/report';
import { IDENTIFIER_FLAGS, type IdentifierFlag } from '@bantay/core/identifiers/types';
import type { ReportDetail } from '@bantay/core/triage/schema';
import { Badge, Group, List, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../app/CopyValue';
import { useDateFormat } from '../../app/format';
import { IDENTIFIER_ROLES, type IdentifierRole } from '../labels';
import { DbIpCredit } from './LocationPanel';
import { Section } from './Section';

type Identifier = ReportDetail['identifiers'][number];

const HUB = 'hub';
const COLGROUP = 'colgroup';
const isFlag = (value: string): value is IdentifierFlag =>
  (IDENTIFIER_FLAGS as readonly string[]).includes(value);
const isKind = (value: string): value is IdentifierKind =>
  (IDENTIFIER_KINDS as readonly string[]).includes(value);

export function groupByRole(identifiers: readonly Identifier[]): { role: string; items: Identifier[] }[] {
  const roles = [...IDENTIFIER_ROLES, ...new Set(identifiers.map((identifier) => identifier.role))].filter(
    (role, index, all) => all.indexOf(role) === index,
  );
  return roles
    .map((role) => ({ role, items: identifiers.filter((identifier) => identifier.role === role) }))
    .filter((group) => group.items.length > 0);
}

/** The flags the identifiers of this report carry, with "hub" where one is too common to link on. */
function flagsShown(identifiers: readonly Identifier[]): string[] {
  const flags = new Set(identifiers.flatMap((identifier) => identifier.flags));
  if (identifiers.some((identifier) => identifier.isHub)) flags.add('hub');
  return [...flags];
}

/** Accounts, numbers and addresses of the report, by whose they are, with what each one links to. */
export function IdentifiersPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const groups = groupByRole(report.identifiers);
  const flags = flagsShown(report.identifiers);
  const ipLocated = report.identifiers.some(
    (identifier) => identifier.kind === 'ip' && identifier.countryCode,
  );
  const roleLabel = (role: string) =>
    (IDENTIFIER_ROLES as readonly string[]).includes(role)
      ? t(`identifierRoles.${role as IdentifierRole}`)
      : role;
  const flagLabel = (flag: string) =>
    flag === 'hub'
      ? t('identifierFlags.hub.label')
      : isFlag(flag)
        ? t(`identifierFlags.${flag}.label`)
        : flag;

  return (
    <Section id="report-identifiers" title={t('identifiers.title')}>
      {groups.length === 0 ? (
        <Text size="sm" className="dimmed">
          {t('identifiers.none')}
        </Text>
      ) : (
        <Stack gap="md">
          <Table.ScrollContainer minWidth={620}>
            <Table fz="sm" verticalSpacing={4} layout="fixed" className="identifiers-table">
              <Table.Caption>
                <VisuallyHidden>{t('identifiers.caption')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="16%">{t('identifiers.kind')}</Table.Th>
                  <Table.Th w="38%">{t('identifiers.value')}</Table.Th>
                  <Table.Th w="14%">{t('identifiers.platform')}</Table.Th>
                  <Table.Th w="14%">{t('identifiers.flags')}</Table.Th>
                  <Table.Th w="18%">{t('identifiers.reports')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              {groups.map((group) => (
                <Table.Tbody key={group.role}>
                  <Table.Tr className="group-row">
                    <Table.Th colSpan={5} scope={COLGROUP}>
                      {roleLabel(group.role)}
                    </Table.Th>
                  </Table.Tr>
                  {group.items.map((identifier, index) => (
                    <IdentifierRow
                      key={`${identifier.id}-${index}`}
                      identifier={identifier}
                      flagLabel={flagLabel}
                    />
                  ))}
                </Table.Tbody>
              ))}
            </Table>
          </Table.ScrollContainer>
          {flags.length ? (
            <div>
              <Text size="xs" fw={700} className="dimmed">
                {t('identifiers.flagsMean')}
              </Text>
              <List size="xs" spacing={2}>
                {flags.map((flag) => (
                  <List.Item key={flag}>
                    <strong>{flagLabel(flag)}</strong>
                    {': '}
                    {flag === 'hub'
                      ? t('identifierFlags.hub.help')
                      : isFlag(flag)
                        ? t(`identifierFlags.${flag}.help`)
                        : ''}
                  </List.Item>
                ))}
              </List>
            </div>
          ) : null}
          {ipLocated ? <DbIpCredit /> : null}
        </Stack>
      )}
    </Section>
  );
}

function IdentifierRow({
  identifier,
  flagLabel,
}: {
  identifier: Identifier;
  flagLabel: (flag: string) => string;
}) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const kind = isKind(identifier.kind) ? t(`identifierKinds.${identifier.kind}`) : identifier.kind;
  return (
    <Table.Tr>
      <Table.Td>{kind}</Table.Td>
      <Table.Td>
        <CopyValue value={identifier.value} label={kind} />
        {identifier.raw && identifier.raw !== identifier.value ? (
          <Text size="xs" className="dimmed">
            {t('identifiers.raw')} <span className="hash-value">{identifier.raw}</span>
          </Text>
        ) : null}
        {identifier.observedAt || identifier.port !== null ? (
          <Text size="xs" className="dimmed">
            {[
              identifier.observedAt
                ? t('identifiers.seen', { time: format.utc(identifier.observedAt) })
                : null,
              identifier.port !== null ? t('identifiers.port', { port: identifier.port }) : null,
              identifier.countryCode ? t('identifiers.country', { country: identifier.countryCode }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{identifier.platform ?? <span className="dimmed">{t('common.none')}</span>}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {identifier.isHub ? (
            <Badge size="sm" variant="light" color="orange" radius="sm">
              {flagLabel(HUB)}
            </Badge>
          ) : null}
          {identifier.flags.map((flag) => (
            <Badge key={flag} size="sm" variant="light" color="gray" radius="sm">
              {flagLabel(flag)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {identifier.reportCount > 1
            ? t('identifiers.inReports', { count: identifier.reportCount })
            : t('identifiers.onlyHere')}
        </Text>
        <Text size="xs" className="dimmed">
          {t(`linkPolicies.${identifier.linkPolicy}`)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
