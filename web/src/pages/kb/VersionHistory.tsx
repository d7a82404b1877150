import { Collapse, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/states';
import { useUsers } from '../case/data';
import { useFormat } from '../case/format';
import { useArticleVersions } from './queries';
import { StatusTag } from './StatusTag';

/** Every saved version of an article, newest first, with who made it and its text on demand. */
export function VersionHistory({ articleId, currentVersion }: { articleId: string; currentVersion: number }) {
  const { t } = useTranslation('kb');
  const { time } = useFormat();
  const versions = useArticleVersions(articleId);
  const users = useUsers();
  if (versions.isLoading) return <Loading />;
  if (versions.isError || !versions.data) return <LoadError error={versions.error} onRetry={() => void versions.refetch()} />;
  const names = new Map((users.data ?? []).map((user) => [user.id, user.name]));
  const items = versions.data.items;
  if (items.length === 0) return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  return (
    <Collapse
      size="small"
      data-testid="kb-versions"
      items={items.map((version) => ({
        key: String(version.version),
        label: (
          <Flex wrap gap={8} align="center" data-testid="kb-version" data-version={version.version}>
            <Typography.Text strong>{t('history.version', { version: version.version })}</Typography.Text>
            <StatusTag status={version.status} />
            {version.version === currentVersion && <Tag color="blue">{t('history.current')}</Tag>}
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {version.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time(version.created_at)} · {version.edited_by ? t('history.by', { name: names.get(version.edited_by) ?? version.edited_by.slice(0, 8) }) : t('history.starter')}
            </Typography.Text>
          </Flex>
        ),
        children: (
          <pre aria-label={t('history.showBody')} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
            {version.body_markdown}
          </pre>
        ),
      }))}
    />
  );
}
