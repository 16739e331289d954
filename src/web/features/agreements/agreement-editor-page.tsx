// The routes of the agreement editor: /agreements/new?clientId= and /agreements/$agreementId (the form, then
// the agreement's SLA statements). An agreement outside the user's clients answers 404 like a missing one,
// and shows the same page.

import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { NotFoundPage } from '../../ui/not-found.tsx';
import { PageSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { AgreementSlaStatements } from '../sla-statements/agreement-sla-statements.tsx';
import { AgreementEditor } from './agreement-editor.tsx';
import { agreementQuery } from './agreements-api.ts';

const newRoute = getRouteApi('/app/agreements/new');
const editRoute = getRouteApi('/app/agreements/$agreementId');

const backToList = (
  <ButtonLink to="/agreements" variant="default">
    Back to agreements
  </ButtonLink>
);

export function NewAgreementPage() {
  const { clientId } = newRoute.useSearch();
  const can = useCan();
  if (!can('billing.manage')) {
    return (
      <NotFoundPage
        title="You cannot add agreements"
        message="Adding agreements needs the billing, admin or owner role."
        action={backToList}
      />
    );
  }
  return <AgreementEditor initialClientId={clientId} />;
}

export function AgreementPage() {
  const { agreementId } = editRoute.useParams();
  const agreement = useQuery(agreementQuery(agreementId));

  if (agreement.isPending) return <PageSkeleton />;
  if (agreement.isError) {
    if (isApiError(agreement.error, 404) || isApiError(agreement.error, 400)) {
      return (
        <NotFoundPage
          title="Agreement not found"
          message="This agreement does not exist, or its client is outside the clients you have access to."
          action={backToList}
        />
      );
    }
    return <NotFoundPage title="Could not load the agreement" message={agreement.error.message} />;
  }
  // A fresh form for each saved version, so what is shown is what was stored.
  return (
    <>
      <AgreementEditor key={agreement.data.updatedAt} agreement={agreement.data} />
      <AgreementSlaStatements agreement={agreement.data} />
    </>
  );
}
