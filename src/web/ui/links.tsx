// Mantine's Anchor and Button as type-checked router links (route paths and params are checked by TypeScript).
import { Anchor, type AnchorProps, Button, type ButtonProps, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import {
  createLink,
  type LinkOptions,
  type RegisteredRouter,
  type ValidateLinkOptions,
} from '@tanstack/react-router';
import type { AnchorHTMLAttributes, ReactNode, Ref } from 'react';

type AnchorElementProps = AnchorProps &
  AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> };

function RoutedAnchor(props: AnchorElementProps) {
  return <Anchor component="a" {...props} />;
}

function RoutedButton(
  props: ButtonProps & AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> },
) {
  return <Button component="a" {...props} />;
}

export const AnchorLink = createLink(RoutedAnchor);
export const ButtonLink = createLink(RoutedButton);

/** "← Changes" above a page's title (its header's eyebrow): the way back to where the page belongs. */
export function BackLink<TOptions>(props: {
  link: ValidateLinkOptions<RegisteredRouter, TOptions>;
  children: ReactNode;
}): ReactNode;
export function BackLink(props: { link: LinkOptions; children: ReactNode }) {
  return (
    <AnchorLink {...props.link} size="sm" c="dimmed">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} /> {props.children}
      </Group>
    </AnchorLink>
  );
}
