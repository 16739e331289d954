// Placeholder until the page lands.
export function TicketsPage() {
  return null;
}
