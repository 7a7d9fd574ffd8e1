/**
 * Mail templates: verification, password reset, password changed and invitation. Every user-supplied value is
 * HTML-escaped in the HTML part (docs/http-api.md#defects-of-the-original-fixed-here, #17); links are built from `frontend_base_url` with
 * URL-encoded tokens. Each template returns subject, plain text and HTML.
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for an HTML element body or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** `<base><path>?token=<token>` with the token URL-encoded. */
export function frontendLink(baseUrl: string, path: string, token: string): string {
  return `${baseUrl}${path}?token=${encodeURIComponent(token)}`;
}

function layout(
  title: string,
  paragraphs: string[],
  link: { href: string; label: string },
): string {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join("\n");
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>`,
    body,
    `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`,
    "</body></html>",
  ].join("\n");
}

export function verificationMail(p: { name: string; link: string; token: string }): RenderedMail {
  const subject = "Verify your email address";
  const text = [
    `Hello ${p.name},`,
    "",
    "Confirm your email address by opening this link (valid for 24 hours):",
    p.link,
    "",
    `Or enter this code: ${p.token}`,
  ].join("\n");
  const html = layout(
    subject,
    [
      `Hello ${escapeHtml(p.name)},`,
      "Confirm your email address by opening the link below (valid for 24 hours).",
      `Or enter this code: <code>${escapeHtml(p.token)}</code>`,
    ],
    { href: p.link, label: "Verify email address" },
  );
  return { subject, text, html };
}

export function passwordResetMail(p: { name: string; link: string }): RenderedMail {
  const subject = "Reset your password";
  const text = [
    `Hello ${p.name},`,
    "",
    "Someone asked to reset the password of your InferaDB account. If it was you, open this link",
    "(valid for 1 hour); otherwise ignore this mail:",
    p.link,
  ].join("\n");
  const html = layout(
    subject,
    [
      `Hello ${escapeHtml(p.name)},`,
      "Someone asked to reset the password of your InferaDB account. If it was you, open the link below (valid for 1 hour); otherwise ignore this mail.",
    ],
    { href: p.link, label: "Reset password" },
  );
  return { subject, text, html };
}

/** The notice sent after a signed-in password change; its link leads to a password reset. */
export function passwordChangedMail(p: { name: string; link: string }): RenderedMail {
  const subject = "Your password was changed";
  const text = [
    `Hello ${p.name},`,
    "",
    "The password of your InferaDB account was just changed, and your other sessions were signed",
    "out. If it was not you, reset your password at once:",
    p.link,
  ].join("\n");
  const html = layout(
    subject,
    [
      `Hello ${escapeHtml(p.name)},`,
      "The password of your InferaDB account was just changed, and your other sessions were signed out. If it was not you, reset your password at once.",
    ],
    { href: p.link, label: "Reset password" },
  );
  return { subject, text, html };
}

export function invitationMail(p: {
  organizationName: string;
  inviterName: string;
  role: string;
  link: string;
}): RenderedMail {
  const subject = `You are invited to join ${p.organizationName} on InferaDB`;
  const text = [
    `${p.inviterName} invited you to join the organization "${p.organizationName}" as ${p.role}.`,
    "",
    "Accept the invitation (valid for 7 days):",
    p.link,
  ].join("\n");
  const html = layout(
    subject,
    [
      `${escapeHtml(p.inviterName)} invited you to join the organization <strong>${escapeHtml(p.organizationName)}</strong> as ${escapeHtml(p.role)}.`,
      "Accept the invitation with the link below (valid for 7 days).",
    ],
    { href: p.link, label: "Accept invitation" },
  );
  return { subject: subject.replace(/[\r\n]+/g, " "), text, html };
}

/** To the owners of an organization: a vault could not be created on the engine (A13). */
export function vaultSyncGivenUpMail(p: {
  organizationName: string;
  vaultName: string;
  attempts: number;
  lastError: string;
  link: string;
}): RenderedMail {
  const subject = `Vault "${p.vaultName}" could not be set up in ${p.organizationName}`;
  const text = [
    `The vault "${p.vaultName}" of the organization "${p.organizationName}" could not be created on the InferaDB engine after ${p.attempts} attempts.`,
    `Last error: ${p.lastError}`,
    "",
    "Its status is FAILED. Check the engine link, then delete and re-create the vault:",
    p.link,
  ].join("\n");
  const html = layout(
    subject,
    [
      `The vault <strong>${escapeHtml(p.vaultName)}</strong> of the organization <strong>${escapeHtml(p.organizationName)}</strong> could not be created on the InferaDB engine after ${p.attempts} attempts.`,
      `Last error: ${escapeHtml(p.lastError)}`,
      "Its status is FAILED. Check the engine link, then delete and re-create the vault.",
    ],
    { href: p.link, label: "Open the organization" },
  );
  return { subject: subject.replace(/[\r\n]+/g, " "), text, html };
}
