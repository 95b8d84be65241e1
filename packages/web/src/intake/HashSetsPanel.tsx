import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Loader,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDatabaseImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, errorWithDetail } from '../app/errors';
import { useDateFormat } from '../app/format';
import { INTAKE_KEY, intakeApi, useHashSets, type HashSetResult } from './api';
import { extensionOf, HASH_SET_EXTENSIONS } from './uploadFile';

const IMPORT_HEADING = 'hash-set-import';

/** Known-content hash sets (Project VIC VICS JSON, or CSV): the list, and a form to add one. */
export function HashSetsPanel() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const sets = useHashSets();
  return (
    <Stack gap="md">
      <Text size="sm" className="dimmed">
        {t('hashSets.intro')}
      </Text>
      <HashSetForm />
      <section aria-labelledby="hash-sets-list">
        <Title order={2} fz="h4" id="hash-sets-list" mb="sm">
          {t('hashSets.list')}
        </Title>
        {sets.isError ? <Alert color="red">{errorText(t, sets.error)}</Alert> : null}
        {sets.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {sets.data?.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('hashSets.none')}
          </Text>
        ) : null}
        {sets.data?.length ? (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('hashSets.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('hashSets.name')}</Table.Th>
                <Table.Th>{t('hashSets.source')}</Table.Th>
                <Table.Th>{t('hashSets.imported')}</Table.Th>
                <Table.Th ta="right">{t('hashSets.entries')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sets.data.map((set) => (
                <Table.Tr key={set.id}>
                  <Table.Td fw={600}>{set.name}</Table.Td>
                  <Table.Td>{set.source}</Table.Td>
                  <Table.Td>{format.dateTimeShort(set.importedAt)}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {set.entries.toLocaleString()}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </section>
    </Stack>
  );
}

function HashSetForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ name?: string; file?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<HashSetResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('hashSets.nameRequired');
    if (!file) found.file = t('intake.upload.chooseFile');
    else if (!(HASH_SET_EXTENSIONS as readonly string[]).includes(extensionOf(file.name)))
      found.file = t('intake.upload.wrongType', { types: HASH_SET_EXTENSIONS.join(', ') });
    setErrors(found);
    if (!file || Object.keys(found).length > 0) return;
    setResult(null);
    setPercent(0);
    try {
      const answer = await intakeApi.importHashSet(name.trim(), file, (sent, total) =>
        setPercent(total > 0 ? Math.round((sent / total) * 100) : 100),
      );
      setResult(answer);
      setName('');
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: [INTAKE_KEY, 'hash-sets'] });
    } catch (error) {
      const { message, detail } = errorWithDetail(t, error);
      if (detail && /name/i.test(detail)) setErrors({ name: detail });
      setFailure(detail ? `${message} ${detail}` : message);
    } finally {
      setPercent(null);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={IMPORT_HEADING}>
      <Title order={2} fz="h4" id={IMPORT_HEADING} mb="sm">
        {t('hashSets.import')}
      </Title>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('hashSets.name')}
              description={t('hashSets.nameHelp')}
              required
              value={name}
              error={errors.name}
              onChange={(event) => setName(event.currentTarget.value)}
              w={300}
            />
            <FileInput
              label={t('hashSets.file')}
              description={t('hashSets.fileHelp')}
              placeholder={t('intake.upload.choose')}
              accept={HASH_SET_EXTENSIONS.join(',')}
              required
              value={file}
              error={errors.file}
              onChange={setFile}
              clearable
              w={320}
            />
          </Group>
          <Button
            type="submit"
            className="fit-content"
            loading={percent !== null}
            leftSection={<IconDatabaseImport size={16} aria-hidden />}
          >
            {t('hashSets.submit')}
          </Button>
          {percent !== null ? (
            <Progress
              value={percent}
              animated={percent >= 100}
              striped={percent >= 100}
              aria-label={t('intake.upload.progressLabel')}
            />
          ) : null}
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          {result ? (
            <Alert
              color={result.rejected ? 'yellow' : 'teal'}
              role="status"
              title={t('hashSets.done', { count: result.imported })}
            >
              {result.rejected ? (
                <>
                  <Text size="sm">{t('hashSets.rejected', { count: result.rejected })}</Text>
                  <List size="xs" mt={4}>
                    {result.problems.slice(0, 20).map((problem, index) => (
                      <List.Item key={`${problem.where}-${index}`}>
                        <span className="hash-value">{problem.where}</span>: {problem.message}
                      </List.Item>
                    ))}
                  </List>
                </>
              ) : null}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
