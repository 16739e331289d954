// Two-factor sign-in end to end: the code step after the password (a wrong code is explained, a recovery
// code works once), Account → Security (new recovery codes, password change ending other sessions, turning
// it off and on), the organization's requirement reaching a member already signed in, and an admin's reset.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Authenticator } from './authenticator.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import {
  browserApi,
  completeSetup,
  enrollAuthenticator,
  heading,
  OWNER,
  see,
  signIn,
  signOut,
} from './journeys.ts';

const TECHNICIAN = {
  name: 'Tom Technician',
  email: 'tom@northwind.test',
  password: 'tom-has-a-long-password',
};
const NEW_PASSWORD = 'a brand new owner passphrase';

let harness: Harness;
let page: Page;
let owner: Authenticator;
let ownerPassword = OWNER.password;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

async function startSignIn(target: Page, email: string, password: string) {
  await target.getByLabel('Email').fill(email);
  await target.getByRole('textbox', { name: 'Password' }).fill(password);
  await target.getByRole('button', { name: 'Sign in', exact: true }).click();
  await target.waitForURL('**/login/verify**');
  await heading(target, 'Two-factor sign-in');
}

async function openAccountSecurity(target: Page) {
  await target.getByRole('button', { name: 'User menu' }).click();
  await target.getByRole('menuitem', { name: 'Security' }).click();
  await heading(target, 'Security');
}

describe.sequential('two-factor sign-in', () => {
  test('the owner sets up an authenticator during first run', async () => {
    owner = await completeSetup(page);
    expect(owner.recoveryCodes.length).toBeGreaterThanOrEqual(8);
  });

  test('signing in again asks for a code; a wrong one is refused with an explanation', async () => {
    await signOut(page);
    await startSignIn(page, OWNER.email, ownerPassword);
    const code = page.getByRole('textbox', { name: 'Authentication code' });
    await expect(code.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await expect(code.getAttribute('inputmode')).resolves.toBe('numeric');
    await shot(page, '30-mfa-verify');

    // The app stays out of reach until the code is given.
    await page.goto('/tickets');
    await page.waitForURL(/\/login\/verify\?redirect=.*tickets/);

    await code.fill(owner.wrongCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await see(page, 'That code did not match');
    await shot(page, '31-mfa-verify-wrong-code');

    await code.fill(await owner.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    // On to where the owner was going.
    await heading(page, 'Tickets');
  });

  test('a recovery code signs in once', async () => {
    await signOut(page);
    await startSignIn(page, OWNER.email, ownerPassword);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await shot(page, '32-mfa-verify-recovery');
    const recoveryCode = owner.takeRecoveryCode();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, /Olivia/);

    await signOut(page);
    await startSignIn(page, OWNER.email, ownerPassword);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await see(page, 'That recovery code is not valid, or it was used already');

    await page.getByRole('button', { name: 'Use the authenticator app instead' }).click();
    await page.getByRole('textbox', { name: 'Authentication code' }).fill(await owner.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await heading(page, /Olivia/);
  });

  test('Account → Security shows the authenticator and makes new recovery codes', async () => {
    await openAccountSecurity(page);
    const status = page.getByTestId('mfa-status');
    await status.getByText('On', { exact: true }).waitFor();
    await expect(page.getByTestId('recovery-codes-left').textContent()).resolves.toContain(
      `${owner.recoveryCodes.length} recovery codes left`,
    );
    // New organizations require MFA of staff, so it cannot be turned off.
    await expect(page.getByRole('button', { name: 'Turn off' }).isDisabled()).resolves.toBe(true);
    await see(page, 'You cannot turn it off');
    await shot(page, '33-account-security');

    await page.getByRole('button', { name: 'New recovery codes' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recovery codes' });
    await dialog.getByRole('textbox', { name: 'Authentication code' }).fill(owner.wrongCode());
    await dialog.getByRole('button', { name: 'Make new codes' }).click();
    await dialog.getByText('That code did not match').waitFor();
    await dialog.getByRole('textbox', { name: 'Authentication code' }).fill(await owner.nextCode());
    await dialog.getByRole('button', { name: 'Make new codes' }).click();
    const codes = dialog.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    owner.recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
    await shot(page, '34-new-recovery-codes');
    await dialog.getByRole('button', { name: 'I have saved these' }).click();
    await expect
      .poll(() => page.getByTestId('recovery-codes-left').textContent())
      .toContain(`${owner.recoveryCodes.length} recovery codes left`);
  });

  test('changing the password keeps this session and signs out the others', async () => {
    const other = await harness.newPage();
    await other.goto('/login');
    await startSignIn(other, OWNER.email, ownerPassword);
    await other.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await other.getByRole('textbox', { name: 'Recovery code' }).fill(owner.takeRecoveryCode());
    await other.getByRole('button', { name: 'Verify' }).click();
    await heading(other, /Olivia/);

    const form = page.getByRole('region', { name: 'Password' });
    await form.getByRole('textbox', { name: 'Current password' }).fill('not the password at all');
    await form.getByRole('textbox', { name: 'New password', exact: true }).fill(NEW_PASSWORD);
    await form.getByRole('textbox', { name: 'Confirm new password' }).fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('That is not your current password').waitFor();
    // The form keeps the new password typed after the refusal.
    await expect(form.getByRole('textbox', { name: 'New password', exact: true }).inputValue()).resolves.toBe(
      NEW_PASSWORD,
    );

    await form.getByRole('textbox', { name: 'Current password' }).fill(ownerPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Password changed').waitFor();
    ownerPassword = NEW_PASSWORD;
    await shot(page, '35-password-changed');

    // This session still works (its CSRF token was replaced along with the cookie)...
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Clients' })
      .click();
    await heading(page, 'Clients');
    // ...and the other browser was signed out.
    await other.reload();
    await other.waitForURL('**/login**');
    await other.context().close();
  });

  test('requiring MFA of staff reaches a member already signed in, who sets it up', async () => {
    await browserApi(page).post('/users', {
      ...TECHNICIAN,
      role: 'technician',
      allClients: true,
      clientIds: [],
    });
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Security', exact: true })
      .click();
    await heading(page, 'Security');
    const staff = page.getByRole('switch', { name: 'Require two-factor sign-in for staff' });
    await expect(staff.isChecked()).resolves.toBe(true);
    await shot(page, '36-settings-security');
    await staff.uncheck();
    await see(page, 'Staff will be able to sign in with a password alone');
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Save security settings' }).isDisabled())
      .toBe(true);

    // With the requirement off, the technician signs in with a password alone.
    const tom = await harness.newPage();
    await tom.goto('/login');
    await signIn(tom, TECHNICIAN.email, TECHNICIAN.password);
    await heading(tom, /Tom/);

    await staff.check();
    const warning = page.getByRole('alert').filter({ hasText: 'When you save' });
    await warning.getByText('asked to set one up on their next request').waitFor();
    await warning.getByText(TECHNICIAN.name).waitFor();
    await expect(warning.getByText(OWNER.name).count()).resolves.toBe(0);
    await shot(page, '37-settings-security-warning');
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Save security settings' }).isDisabled())
      .toBe(true);

    // Tom's next request is refused until he sets up an authenticator; the app takes him there.
    await tom
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Clients' })
      .click();
    await tom.waitForURL('**/login/enroll**');
    await heading(tom, 'Set up two-factor sign-in');
    await see(tom, `${OWNER.organization} requires a second step`);
    await shot(tom, '38-member-enroll', { fullPage: true });
    await enrollAuthenticator(tom);
    await tom.getByRole('button', { name: 'I have saved these' }).click();
    await heading(tom, 'Clients');

    // The owner sees it on the users page (loaded afresh: the list above is from before), and resets it
    // (Tom lost his phone).
    await page.goto('/settings/users');
    const row = page
      .getByRole('table', { name: 'Users' })
      .getByRole('row')
      .filter({ hasText: TECHNICIAN.name });
    await row.getByText('On', { exact: true }).waitFor();
    await shot(page, '39-users-mfa');
    await page.getByRole('button', { name: `Reset MFA for ${TECHNICIAN.name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Reset MFA?' });
    await confirm.getByText('signed out everywhere').waitFor();
    await shot(page, '40-reset-mfa-confirm');
    await confirm.getByRole('button', { name: 'Reset MFA' }).click();
    await row.getByText('Off', { exact: true }).waitFor();
    await expect(
      page.getByRole('button', { name: `Reset MFA for ${TECHNICIAN.name}` }).count(),
    ).resolves.toBe(0);

    // Tom was signed out everywhere; signing in again, he sets up the new phone.
    await tom.reload();
    await tom.waitForURL('**/login**');
    await tom.getByLabel('Email').fill(TECHNICIAN.email);
    await tom.getByRole('textbox', { name: 'Password' }).fill(TECHNICIAN.password);
    await tom.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tom.waitForURL('**/login/enroll**');
    await tom.context().close();
  });

  test('with the requirement off, the owner can turn MFA off and set it up again', async () => {
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Security', exact: true })
      .click();
    await page.getByRole('switch', { name: 'Require two-factor sign-in for staff' }).uncheck();
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Save security settings' }).isDisabled())
      .toBe(true);

    await openAccountSecurity(page);
    await page.getByRole('button', { name: 'Turn off' }).click();
    const off = page.getByRole('dialog', { name: 'Turn off two-factor sign-in?' });
    await off.getByLabel('Your password').fill('not my password');
    await off.getByRole('button', { name: 'Turn off' }).click();
    await off.getByText('That is not your password').waitFor();
    await off.getByLabel('Your password').fill(ownerPassword);
    await off.getByRole('button', { name: 'Turn off' }).click();
    await page.getByTestId('mfa-status').getByText('Off', { exact: true }).waitFor();
    await shot(page, '41-account-security-off');

    await page.getByRole('button', { name: 'Set up authenticator' }).click();
    const setup = page.getByRole('dialog', { name: 'Set up two-factor sign-in' });
    await setup.getByRole('img', { name: /QR code/ }).waitFor();
    await shot(page, '42-account-security-setup');
    await enrollAuthenticator(setup, owner);
    await setup.getByRole('button', { name: 'I have saved these' }).click();
    await page.getByTestId('mfa-status').getByText('On', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Turn off' }).isDisabled()).resolves.toBe(false);
  });

  test('the new authenticator is the one asked for at the next sign-in', async () => {
    await signOut(page);
    await signIn(page, OWNER.email, ownerPassword, owner);
    await heading(page, /Olivia/);
  });
});
