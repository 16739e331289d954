// Placeholder until the page lands.
export function HelpDeskPage() {
  return null;
}
