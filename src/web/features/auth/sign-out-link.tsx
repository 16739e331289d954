// "Sign out" for the steps before the signed-in frame (second factor), where there is no user menu; and the
// sign-out itself, for the frames that have their own menu (the vendor portal).
import { Anchor } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { notifyError } from '../../ui/notify.tsx';
import { signOut } from './mfa-api.ts';
import { sessionKey } from './session.ts';

/** Ends the session, goes to the sign-in page, then forgets every cached answer but the (empty) session. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await signOut();
    } catch (error) {
      notifyError(error, 'Could not sign out');
      return;
    }
    queryClient.setQueryData(sessionKey, null);
    await navigate({ to: '/login' });
    // Only now: removing them while their pages were mounted would refetch them, signed out.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  };
}

export function SignOutLink(props: { label?: string }) {
  const leave = useSignOut();
  return (
    <Anchor component="button" type="button" size="sm" onClick={leave}>
      {props.label ?? 'Sign out'}
    </Anchor>
  );
}
