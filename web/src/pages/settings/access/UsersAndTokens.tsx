import { Flex } from 'antd';
import { UsersSection } from './UsersSection';
import { TokensSection } from './TokensSection';

/** Settings tab `users`: the tenant's people and the API tokens that act for them. */
export function UsersAndTokens() {
  return (
    <Flex vertical gap={24}>
      <UsersSection />
      <TokensSection />
    </Flex>
  );
}
