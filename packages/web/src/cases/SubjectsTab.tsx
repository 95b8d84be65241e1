import { SubjectIdentifierInput, SubjectInput, SUBJECT_ROLES } from '@bantay/core/cases/schema';
import { IDENTIFIER_KINDS, type IdentifierKind } from '@bantay/core/intake/report';
import {
  Anchor,
  Badge,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { schemaErrors } from '../app/errors';
import { Fact } from '../app/Fact';
import { casesApi, type CaseDetail } from './api';
import { CaseForm, FormDialog, given } from './CaseForm';
import { member, options } from './labels';

type Subject = CaseDetail['subjects'][number];
type SubjectRole = Subject['role'];

function SubjectForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<SubjectRole | null>('facilitator');
  const [fullName, setFullName] = useState('');
  const [aliases, setAliases] = useState('');
  const [nationality, setNationality] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [address, setAddress] = useState('');
  const [psgcCode, setPsgcCode] = useState('');
  const [notes, setNotes] = useState('');
  const input = {
    role: role ?? 'suspect',
    fullName,
    aliases: aliases
      .split(',')
      .map((alias) => alias.trim())
      .filter(Boolean),
    nationality: given(nationality),
    birthDate: given(birthDate),
    address: given(address),
    psgcCode: given(psgcCode),
    notes: given(notes),
  };
  return (
    <CaseForm
      label={t('investigation.subjects.add')}
      fields={
        ['role', 'fullName', 'aliases', 'nationality', 'birthDate', 'address', 'psgcCode', 'notes'] as const
      }
      submitLabel={t('investigation.subjects.add')}
      doneMessage={t('investigation.subjects.added')}
      check={() =>
        schemaErrors(t, SubjectInput.safeParse(input), {
          role: 'investigation.form.required',
          fullName: 'investigation.form.required',
          aliases: 'investigation.form.tooLong',
          nationality: 'investigation.form.country',
          birthDate: 'investigation.form.date',
          address: 'investigation.form.tooLong',
          psgcCode: 'investigation.form.psgc',
          notes: 'investigation.form.tooLong',
        })
      }
      send={() => casesApi.addSubject(item.id, input)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Select
            label={t('investigation.subjects.role')}
            data={options(SUBJECT_ROLES, (r) => t(`investigation.subjectRoles.${r}`))}
            required
            allowDeselect={false}
            value={role}
            error={errors.role}
            onChange={(value) => setRole(member(SUBJECT_ROLES, value))}
          />
          <TextInput
            label={t('investigation.subjects.fullName')}
            required
            data-autofocus
            value={fullName}
            error={errors.fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
          />
          <TextInput
            label={t('investigation.subjects.aliases')}
            description={t('investigation.subjects.aliasesHelp')}
            value={aliases}
            error={errors.aliases}
            onChange={(e) => setAliases(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('investigation.subjects.nationality')}
              description={t('investigation.form.countryHelp')}
              maxLength={2}
              value={nationality}
              error={errors.nationality}
              onChange={(e) => setNationality(e.currentTarget.value)}
            />
            <TextInput
              label={t('investigation.subjects.birthDate')}
              type="date"
              value={birthDate}
              error={errors.birthDate}
              onChange={(e) => setBirthDate(e.currentTarget.value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('investigation.subjects.address')}
            value={address}
            error={errors.address}
            onChange={(e) => setAddress(e.currentTarget.value)}
          />
          <TextInput
            label={t('investigation.form.psgcLabel')}
            description={t('investigation.form.psgcHelp')}
            inputMode="numeric"
            maxLength={10}
            value={psgcCode}
            error={errors.psgcCode}
            onChange={(e) => setPsgcCode(e.currentTarget.value)}
          />
          <Textarea
            label={t('investigation.subjects.notes')}
            autosize
            minRows={2}
            value={notes}
            error={errors.notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}

function IdentifierForm({
  item,
  subject,
  onDone,
}: {
  item: CaseDetail;
  subject: Subject;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<IdentifierKind | null>('email');
  const [value, setValue] = useState('');
  const [platform, setPlatform] = useState('');
  const input = { kind: kind ?? 'email', value, platform: given(platform) };
  return (
    <CaseForm
      label={t('investigation.identifiers.link', { name: subject.fullName })}
      fields={['kind', 'value', 'platform'] as const}
      submitLabel={t('investigation.identifiers.submit')}
      doneMessage={t('investigation.identifiers.linked')}
      check={() =>
        schemaErrors(t, SubjectIdentifierInput.safeParse(input), {
          kind: 'investigation.form.required',
          value: 'investigation.form.required',
          platform: 'investigation.form.tooLong',
        })
      }
      send={() => casesApi.linkIdentifier(item.id, subject.id, input)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Select
            label={t('identifiers.kind')}
            data={options(IDENTIFIER_KINDS, (k) => t(`identifierKinds.${k}`))}
            required
            allowDeselect={false}
            value={kind}
            error={errors.kind}
            onChange={(next) => setKind(member(IDENTIFIER_KINDS, next))}
          />
          <TextInput
            label={t('identifiers.value')}
            required
            data-autofocus
            value={value}
            error={errors.value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
          <TextInput
            label={t('identifiers.platform')}
            description={t('investigation.identifiers.platformHelp')}
            value={platform}
            error={errors.platform}
            onChange={(e) => setPlatform(e.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}

function SubjectCard({ item, subject }: { item: CaseDetail; subject: Subject }) {
  const { t } = useTranslation();
  const headingId = `subject-${subject.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} fz="h4" id={headingId}>
            {subject.fullName}
          </Title>
          <Badge variant="light" radius="sm">
            {t(`investigation.subjectRoles.${subject.role}`)}
          </Badge>
          {subject.forProsecution ? (
            <Badge color="red" variant="light" radius="sm">
              {t('investigation.subjects.forProsecution')}
            </Badge>
          ) : null}
        </Group>
        {item.abilities.write ? (
          <FormDialog
            buttonLabel={t('investigation.identifiers.button')}
            title={t('investigation.identifiers.link', { name: subject.fullName })}
            compact
          >
            {(close) => <IdentifierForm item={item} subject={subject} onDone={close} />}
          </FormDialog>
        ) : null}
      </Group>
      <dl className="facts facts-dense">
        <Fact label={t('investigation.subjects.aliases')}>
          {subject.aliases.join(', ') || t('common.none')}
        </Fact>
        <Fact label={t('investigation.subjects.nationality')}>{subject.nationality ?? t('common.none')}</Fact>
        <Fact label={t('investigation.subjects.birthDate')}>{subject.birthDate ?? t('common.none')}</Fact>
        <Fact label={t('investigation.subjects.address')}>
          {[subject.address, subject.place && `${subject.place} (${subject.psgcCode ?? ''})`]
            .filter(Boolean)
            .join(' · ') || t('common.none')}
        </Fact>
      </dl>
      {subject.identifiers.length === 0 ? (
        <Text className="dimmed" size="sm" mt="xs">
          {t('investigation.identifiers.none')}
        </Text>
      ) : (
        <Table
          fz="sm"
          mt="sm"
          verticalSpacing={4}
          aria-label={t('investigation.identifiers.caption', { name: subject.fullName })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('identifiers.kind')}</Table.Th>
              <Table.Th>{t('identifiers.value')}</Table.Th>
              <Table.Th ta="right">{t('identifiers.reports')}</Table.Th>
              <Table.Th>{t('investigation.identifiers.inCase')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {subject.identifiers.map((identifier) => (
              <Table.Tr key={identifier.id}>
                <Table.Td>{t(`identifierKinds.${identifier.kind}`)}</Table.Td>
                <Table.Td ff="monospace">{identifier.value}</Table.Td>
                <Table.Td ta="right">{identifier.reportCount}</Table.Td>
                <Table.Td>
                  {identifier.caseReports.length === 0
                    ? t('common.none')
                    : identifier.caseReports.map((report) => (
                        <Anchor
                          key={report.id}
                          component={Link}
                          to={`/triage/reports/${report.id}`}
                          ff="monospace"
                          mr="xs"
                        >
                          {report.externalId}
                        </Anchor>
                      ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** Facilitators, customers, suspects and witnesses, with the identifiers that tie them to reports. */
export function SubjectsTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <div>
          <FormDialog buttonLabel={t('investigation.subjects.add')} title={t('investigation.subjects.add')}>
            {(close) => <SubjectForm item={item} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {item.subjects.length === 0 ? <Text className="dimmed">{t('investigation.subjects.none')}</Text> : null}
      {item.subjects.map((subject) => (
        <SubjectCard key={subject.id} item={item} subject={subject} />
      ))}
    </Stack>
  );
}
