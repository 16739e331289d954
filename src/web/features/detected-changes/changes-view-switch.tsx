// The Changes page's two views: the change requests (planned work) and the changes agents detected, whose
// triage list is the unattributed ones.
import { SegmentedControl } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';

export function ChangesViewSwitch(props: { value: 'requests' | 'detected' }) {
  const navigate = useNavigate();
  return (
    <SegmentedControl
      aria-label="Changes view"
      size="sm"
      mb="md"
      value={props.value}
      onChange={(value) => void navigate({ to: value === 'detected' ? '/changes/detected' : '/changes' })}
      data={[
        { value: 'requests', label: 'Change requests' },
        { value: 'detected', label: 'Detected changes' },
      ]}
    />
  );
}
