// Mantine's Anchor and Button as type-checked router links (route paths and params are checked by TypeScript).
import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

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
