// Placeholder until the page lands.
export function TicketDetailPage() {
  return null;
}
