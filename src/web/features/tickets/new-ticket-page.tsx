// Placeholder until the page lands.
export function NewTicketPage() {
  return null;
}
