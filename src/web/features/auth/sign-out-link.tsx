// "Sign out" for the steps before the signed-in frame (second factor), where there is no user menu.
import { Anchor } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { notifyError } from '../../ui/notify.tsx';
import { signOut } from './mfa-api.ts';
import { sessionKey } from './session.ts';

export function SignOutLink(props: { label?: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function leave() {
    try {
      await signOut();
    } catch (error) {
      notifyError(error, 'Could not sign out');
      return;
    }
    queryClient.setQueryData(sessionKey, null);
    await navigate({ to: '/login' });
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }

  return (
    <Anchor component="button" type="button" size="sm" onClick={leave}>
      {props.label ?? 'Sign out'}
    </Anchor>
  );
}
